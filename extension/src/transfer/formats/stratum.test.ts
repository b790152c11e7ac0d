import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stratumBackup as backup, stratumAuthenticator } from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';

describe('Stratum backup', () => {
  it('imports its authenticators with the codes Stratum shows', () => {
    const result = detectAndParse(JSON.stringify(backup(SAMPLE_ACCOUNTS.map(stratumAuthenticator))));
    expect(result.format).toBe('stratum');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('names the types it cannot import', () => {
    const yandex = { ...stratumAuthenticator(SAMPLE_ACCOUNTS[0] as never), Type: 5, Issuer: 'Yandex' };
    const motp = { ...stratumAuthenticator(SAMPLE_ACCOUNTS[0] as never), Type: 3, Issuer: 'Mobile' };
    expect(detectAndParse(JSON.stringify(backup([yandex, motp]))).skipped).toEqual([
      { label: 'Yandex (alice@example.com)', reason: expect.stringMatching(/Yandex/) },
      { label: 'Mobile (alice@example.com)', reason: expect.stringMatching(/mOTP/) },
    ]);
  });

  it('accounts for every authenticator of any backup', () => {
    const entry = fc.oneof(
      fc.constantFrom(...SAMPLE_ACCOUNTS.map(stratumAuthenticator)),
      fc.record({
        Type: fc.anything(),
        Secret: fc.string(),
        Algorithm: fc.anything(),
        Issuer: fc.anything(),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const result = detectAndParse(JSON.stringify(backup(entries)));
        expect(result.entries).toBe(entries.length);
        expect(accountedFor(result)).toBe(entries.length);
      }),
      { numRuns: 200 },
    );
  });
});
