import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoFasEncrypted, twoFasService } from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse, detectAndParseWithPassword, detectFormat } from '../detect.ts';
import { CorruptFileError, PasswordRequiredError, WrongPasswordError } from '../errors.ts';

const PASSWORD = 'pa55 wörd';

describe('password-protected 2FAS backup', () => {
  it('asks for the password instead of refusing the file', () => {
    const text = JSON.stringify(twoFasEncrypted(PASSWORD, SAMPLE_ACCOUNTS.map(twoFasService)));
    expect(detectFormat(text)).toEqual({ format: '2fas-encrypted', needsPassword: true });
    expect(() => detectAndParse(text)).toThrow(PasswordRequiredError);
  });

  it('imports every service with the codes 2FAS shows', async () => {
    const text = JSON.stringify(twoFasEncrypted(PASSWORD, SAMPLE_ACCOUNTS.map(twoFasService)));
    const result = await detectAndParseWithPassword(text, PASSWORD);
    expect(result.format).toBe('2fas-encrypted');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    expect(result.skipped).toEqual([]);
  });

  it('says the password is wrong, and nothing is imported', async () => {
    const text = JSON.stringify(twoFasEncrypted(PASSWORD, SAMPLE_ACCOUNTS.map(twoFasService)));
    await expect(detectAndParseWithPassword(text, 'pa55 word')).rejects.toThrow(WrongPasswordError);
  });

  it('names a damaged encrypted part as damaged', async () => {
    const backup = twoFasEncrypted(PASSWORD, [twoFasService(SAMPLE_ACCOUNTS[0] as never)]);
    const [sealed, salt] = String(backup.servicesEncrypted).split(':');
    const cut = JSON.stringify({ ...backup, servicesEncrypted: `${sealed}:${salt}` });
    await expect(detectAndParseWithPassword(cut, PASSWORD)).rejects.toThrow(CorruptFileError);
    const badBase64 = JSON.stringify({ ...backup, servicesEncrypted: `${sealed}:${salt}:%%%` });
    await expect(detectAndParseWithPassword(badBase64, PASSWORD)).rejects.toThrow(/nonce is damaged/);
  });

  it('accounts for every service of any decrypted list', async () => {
    const service = fc.oneof(
      fc.constantFrom(...SAMPLE_ACCOUNTS.map(twoFasService)),
      fc.record({ name: fc.string(), secret: fc.string(), otp: fc.anything() }),
      fc.anything(),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(service, { maxLength: 8 }), async (services) => {
        const result = await detectAndParseWithPassword(JSON.stringify(twoFasEncrypted('p', services)), 'p');
        expect(result.entries).toBe(services.length);
        expect(accountedFor(result)).toBe(services.length);
      }),
      { numRuns: 40 },
    );
  });
});
