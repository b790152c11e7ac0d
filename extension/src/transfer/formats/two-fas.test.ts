import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { steamCode } from '../../../../shared/index.ts';
import { CorruptFileError, PasswordRequiredError, TransferError } from '../errors.ts';
import { isTwoFasBackup, parseTwoFas } from './two-fas.ts';

// Written from the 2FAS backup layout: services[] with the secret at the top and OTP details in `otp`.
const BACKUP = {
  schemaVersion: 4,
  appVersionCode: 5000000,
  groups: [],
  services: [
    {
      name: 'Example',
      secret: 'JBSWY3DPEHPK3PXP',
      updatedAt: 1700000000000,
      otp: {
        label: 'Example:alice@example.com',
        account: 'alice@example.com',
        issuer: 'Example',
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
        tokenType: 'TOTP',
        source: 'Link',
      },
      order: { position: 0 },
    },
    {
      name: 'Counter Co',
      secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq',
      otp: { account: 'bob', digits: 8, algorithm: 'SHA256', tokenType: 'HOTP', counter: 3 },
    },
    {
      name: 'Old Style',
      secret: 'JBSWY3DPEHPK3PXP',
      otp: { label: 'Old Style:carol', tokenType: 'TOTP', period: 60 },
    },
    {
      name: 'No Account',
      secret: 'KRUGS4ZANFZSAYJAMZ4GK3TU',
      otp: { tokenType: 'TOTP', algorithm: null, digits: 6 },
    },
    { name: 'Steam', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'gamer', tokenType: 'STEAM', digits: 5 } },
    {
      name: 'Hashes',
      secret: 'JBSWY3DPEHPK3PXP',
      otp: { account: 'md', algorithm: 'MD5', tokenType: 'TOTP' },
    },
    { name: 'Broken', secret: '', otp: { account: 'nobody', tokenType: 'TOTP' } },
  ],
};

describe('2FAS backup', () => {
  it('is recognised by its schema version and services list', () => {
    expect(isTwoFasBackup(BACKUP)).toBe(true);
    expect(isTwoFasBackup({ services: [] })).toBe(false);
  });

  it('imports TOTP and HOTP services, taking names from otp fields, the label or the service name', () => {
    const result = parseTwoFas(BACKUP);
    expect(result.format).toBe('2fas');
    expect(result.accounts.map(({ secret, ...rest }) => rest)).toEqual([
      {
        type: 'totp',
        issuer: 'Example',
        account: 'alice@example.com',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'hotp',
        issuer: 'Counter Co',
        account: 'bob',
        algorithm: 'SHA256',
        digits: 8,
        period: 30,
        counter: 3,
      },
      {
        type: 'totp',
        issuer: 'Old Style',
        account: 'carol',
        algorithm: 'SHA1',
        digits: 6,
        period: 60,
        counter: 0,
      },
      {
        type: 'totp',
        issuer: 'No Account',
        account: 'No Account',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'steam',
        issuer: 'Steam',
        account: 'gamer',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
      },
    ]);
    expect(result.accounts[1]?.secret).toEqual(new TextEncoder().encode('12345678901234567890'));
  });

  it('imports the Steam service as a Steam Guard account with its 5-character code', () => {
    const steam = parseTwoFas(BACKUP).accounts.find((account) => account.type === 'steam');
    expect(steam).toMatchObject({
      issuer: 'Steam',
      account: 'gamer',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
    });
    // The value the shared core checks against an independent node:crypto generator.
    expect(steamCode({ secret: steam?.secret ?? new Uint8Array(1), time: 1_700_000_000_000 })).toBe('2KM2P');
  });

  it('lists MD5 and secret-less services as skipped with a reason', () => {
    expect(parseTwoFas(BACKUP).skipped).toEqual([
      { label: 'Hashes (md)', reason: expect.stringMatching(/MD5/) },
      { label: 'Broken (nobody)', reason: 'It has no secret.' },
    ]);
  });

  it('asks for the password of a password-protected backup instead of reading it as empty', () => {
    const encrypted = {
      schemaVersion: 4,
      services: [],
      servicesEncrypted: 'ZGF0YQ==:c2FsdA==:aXY=',
      reference: 'x',
    };
    expect(() => parseTwoFas(encrypted)).toThrow(PasswordRequiredError);
    expect(() => parseTwoFas({ schemaVersion: 4, services: 'none' })).toThrow(CorruptFileError);
  });

  it('returns a result or its own error for arbitrary content', () => {
    const service = fc.record(
      {
        name: fc.anything(),
        secret: fc.oneof(fc.constant('JBSWY3DPEHPK3PXP'), fc.anything()),
        otp: fc.oneof(
          fc.record(
            {
              account: fc.anything(),
              issuer: fc.anything(),
              label: fc.oneof(fc.string(), fc.anything()),
              digits: fc.anything(),
              period: fc.anything(),
              counter: fc.anything(),
              algorithm: fc.anything(),
              tokenType: fc.oneof(fc.constantFrom('TOTP', 'HOTP'), fc.anything()),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.oneof(service, fc.anything())), fc.anything()),
        fc.anything(),
        (services, encrypted) => {
          try {
            parseTwoFas({ schemaVersion: 4, services, servicesEncrypted: encrypted });
          } catch (error) {
            expect(error).toBeInstanceOf(TransferError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
