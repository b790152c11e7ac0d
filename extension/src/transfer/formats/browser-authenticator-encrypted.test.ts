import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  browserAuthenticatorEncrypted,
  browserAuthenticatorV3,
  cryptoJsEncrypt,
} from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse, detectAndParseWithPassword, detectFormat } from '../detect.ts';
import { PasswordRequiredError, WrongPasswordError } from '../errors.ts';

const PASSWORD = 'extension pässword';

describe('Authenticator extension encrypted backup', () => {
  for (const version of [1, 2] as const) {
    it(`imports a version ${version} encrypted backup with the codes the extension shows`, async () => {
      const text = JSON.stringify(browserAuthenticatorEncrypted(SAMPLE_ACCOUNTS, PASSWORD, version));
      expect(detectFormat(text)).toEqual({ format: 'browser-authenticator-encrypted', needsPassword: true });
      expect(() => detectAndParse(text)).toThrow(PasswordRequiredError);
      const result = await detectAndParseWithPassword(text, PASSWORD);
      expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
      expect(accountedFor(result)).toBe(SAMPLE_ACCOUNTS.length);
    });

    it(`says a wrong password is wrong for version ${version}, importing nothing`, async () => {
      const text = JSON.stringify(browserAuthenticatorEncrypted(SAMPLE_ACCOUNTS, PASSWORD, version));
      await expect(detectAndParseWithPassword(text, 'extension password')).rejects.toThrow(
        WrongPasswordError,
      );
    });
  }

  it('lists one damaged secret as skipped and imports the rest', async () => {
    const backup = browserAuthenticatorEncrypted(SAMPLE_ACCOUNTS.slice(0, 2), PASSWORD, 1);
    backup['entry-1'] = {
      ...(backup['entry-1'] as object),
      secret: cryptoJsEncrypt('not a secret!', PASSWORD),
    };
    const result = await detectAndParseWithPassword(JSON.stringify(backup), PASSWORD);
    expect(result.accounts.map((a) => a.account)).toEqual(['alice@example.com']);
    expect(result.skipped).toEqual([{ label: 'Bank (bob)', reason: expect.stringMatching(/does not open/) }]);
  });

  it('imports a backup of its newest key format (version 3) with the codes the extension shows', async () => {
    const text = JSON.stringify(await browserAuthenticatorV3(SAMPLE_ACCOUNTS, PASSWORD));
    expect(detectFormat(text)).toEqual({ format: 'browser-authenticator-encrypted', needsPassword: true });
    expect(() => detectAndParse(text)).toThrow(PasswordRequiredError);
    const result = await detectAndParseWithPassword(text, PASSWORD);
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    expect(result).toMatchObject({ skipped: [], repeats: 0, entries: SAMPLE_ACCOUNTS.length });
  });

  it('says a wrong password is wrong for the newest key format, importing nothing', async () => {
    const text = JSON.stringify(await browserAuthenticatorV3(SAMPLE_ACCOUNTS, PASSWORD));
    await expect(detectAndParseWithPassword(text, 'extension password')).rejects.toThrow(WrongPasswordError);
  });

  it('lists an entry whose key is not in the file, or whose data is damaged, and imports the rest', async () => {
    const backup = await browserAuthenticatorV3(SAMPLE_ACCOUNTS.slice(0, 3), PASSWORD);
    backup['entry-1'] = { ...(backup['entry-1'] as object), keyId: 'a key that is not there' };
    backup['entry-2'] = {
      ...(backup['entry-2'] as object),
      data: cryptoJsEncrypt('{"not": "an entry"', 'x'),
    };
    const result = await detectAndParseWithPassword(JSON.stringify(backup), PASSWORD);
    expect(result.accounts.map((a) => a.account)).toEqual(['alice@example.com']);
    expect(result.skipped).toEqual([
      { label: 'Entry 2', reason: expect.stringMatching(/key it was encrypted with is not in this file/) },
      { label: 'Entry 3', reason: expect.stringMatching(/does not open/) },
    ]);
    expect(accountedFor(result)).toBe(3);
  });

  it('accounts for every entry of any version 3 backup, whatever its entries hold', async () => {
    const backup = await browserAuthenticatorV3(SAMPLE_ACCOUNTS, PASSWORD);
    const keyId = Object.keys(backup)[0] as string;
    const entries = Object.entries(backup).slice(1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom(...entries.map(([, entry]) => entry)),
            fc.record({
              dataType: fc.constant('EncOTPStorage'),
              keyId: fc.constant(keyId),
              data: fc.string(),
            }),
            fc.record({ dataType: fc.constant('EncOTPStorage'), keyId: fc.string(), data: fc.anything() }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (chosen) => {
          const file: Record<string, unknown> = { [keyId]: backup[keyId] };
          chosen.forEach((entry, index) => {
            file[`e${index}`] = entry;
          });
          try {
            const result = await detectAndParseWithPassword(JSON.stringify(file), PASSWORD);
            expect(result.entries).toBe(chosen.length);
            expect(accountedFor(result)).toBe(chosen.length);
          } catch (error) {
            // Only when no entry at all opens may the whole file be refused, as a wrong password.
            expect(error).toBeInstanceOf(WrongPasswordError);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
