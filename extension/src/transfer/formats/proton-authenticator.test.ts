import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protonEntry } from '../../../test-support/foreign-files.ts';
import {
  type AppAccount,
  accountedFor,
  countCorrect,
  SAMPLE_ACCOUNTS,
} from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';

// Proton Authenticator holds TOTP and Steam entries.
const APPS = SAMPLE_ACCOUNTS.filter((app) => app.type !== 'hotp');

describe('Proton Authenticator export', () => {
  it('imports its entries with the codes Proton Authenticator shows', () => {
    const result = detectAndParse(JSON.stringify({ version: 1, entries: APPS.map(protonEntry) }));
    expect(result.format).toBe('proton-authenticator');
    const steam = result.accounts.find((account) => account.type === 'steam');
    expect(
      countCorrect(
        result.accounts,
        APPS.filter((app) => app.type !== 'steam'),
      ),
    ).toBe(APPS.length - 1);
    // A steam:// URI carries no issuer: the name given in Proton is the account name.
    expect(steam).toMatchObject({ issuer: '', account: 'gamer' });
    expect(countCorrect(steam ? [steam] : [], [{ ...(APPS.at(-1) as AppAccount), issuer: '' }])).toBe(1);
  });

  it('accounts for every entry of any export', () => {
    const entry = fc.oneof(
      fc.constantFrom(...APPS.map(protonEntry)),
      fc.record({ content: fc.record({ uri: fc.string(), name: fc.string() }) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const all = [protonEntry(APPS[0] as AppAccount, 0), ...entries];
        const result = detectAndParse(JSON.stringify({ version: 1, entries: all }));
        expect(result.entries).toBe(all.length);
        expect(accountedFor(result)).toBe(all.length);
      }),
      { numRuns: 200 },
    );
  });
});
