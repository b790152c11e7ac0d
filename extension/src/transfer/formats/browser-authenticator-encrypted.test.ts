import { describe, expect, it } from 'vitest';
import { browserAuthenticatorEncrypted, cryptoJsEncrypt } from '../../../test-support/foreign-files.ts';
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
});
