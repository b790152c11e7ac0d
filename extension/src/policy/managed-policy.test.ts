import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_IDLE_MINUTES } from '../settings/settings.ts';
import { applyPolicy, NO_POLICY, readManagedPolicy } from './managed-policy.ts';

const schema = JSON.parse(readFileSync(new URL('../../managed-schema.json', import.meta.url), 'utf8')) as {
  properties: Record<string, { type: string }>;
};

describe('the organisation policy', () => {
  it('reads every field the schema in the build declares, with the type it declares', () => {
    const { policy, problems } = readManagedPolicy({
      requirePassword: true,
      maxAutoLockMinutes: 5,
      disableExport: true,
      timeSourceUrl: 'https://verifier.example.org/time',
    });
    expect(problems).toEqual([]);
    expect(policy).toEqual({
      requirePassword: true,
      maxAutoLockMinutes: 5,
      disableExport: true,
      timeSourceUrl: 'https://verifier.example.org/time',
    });
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(policy).sort());
    expect(schema.properties.maxAutoLockMinutes?.type).toBe('integer');
  });

  it('ignores, and names, values of the wrong kind and keys it does not know', () => {
    const { policy, problems } = readManagedPolicy({
      requirePassword: 'yes',
      maxAutoLockMinutes: 0,
      disableExport: 1,
      timeSourceUrl: 'http://time.example.org/',
      lockNow: true,
    });
    expect(policy).toEqual(NO_POLICY);
    expect(problems).toEqual([
      'Unknown policy "lockNow" ignored.',
      'Policy "requirePassword" must be true or false; ignored.',
      'Policy "disableExport" must be true or false; ignored.',
      `Policy "maxAutoLockMinutes" must be a whole number from 1 to ${MAX_IDLE_MINUTES}; ignored.`,
      'Policy "timeSourceUrl" must be an https:// address; ignored.',
    ]);
  });

  it('never throws, and gives only valid values, whatever the managed area holds (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              requirePassword: fc.anything(),
              maxAutoLockMinutes: fc.oneof(fc.integer(), fc.double(), fc.anything()),
              disableExport: fc.anything(),
              timeSourceUrl: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
            },
            { requiredKeys: [] },
          ),
        ),
        (raw) => {
          const { policy } = readManagedPolicy(raw);
          expect(typeof policy.requirePassword).toBe('boolean');
          expect(typeof policy.disableExport).toBe('boolean');
          if (policy.maxAutoLockMinutes !== null) {
            expect(Number.isInteger(policy.maxAutoLockMinutes)).toBe(true);
            expect(policy.maxAutoLockMinutes).toBeGreaterThanOrEqual(1);
            expect(policy.maxAutoLockMinutes).toBeLessThanOrEqual(MAX_IDLE_MINUTES);
          }
          if (policy.timeSourceUrl !== null) expect(new URL(policy.timeSourceUrl).protocol).toBe('https:');
        },
      ),
    );
  });

  it('caps the auto-lock at the maximum and fixes the time server, leaving the rest as the user set it', () => {
    const settings = { ...DEFAULT_SETTINGS, idleMinutes: 60, verifierUrl: 'https://mine.example/' };
    const policy = { ...NO_POLICY, maxAutoLockMinutes: 10, timeSourceUrl: 'https://corp.example/' };
    expect(applyPolicy(settings, policy)).toEqual({
      ...settings,
      idleMinutes: 10,
      verifierUrl: 'https://corp.example/',
    });
    expect(applyPolicy({ ...settings, idleMinutes: 3 }, policy).idleMinutes).toBe(3);
    expect(applyPolicy(settings, NO_POLICY)).toEqual(settings);
  });
});
