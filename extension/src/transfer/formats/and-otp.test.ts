import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andOtpEncrypted, andOtpEntry } from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse, detectAndParseWithPassword, detectFormat } from '../detect.ts';
import { CorruptFileError, PasswordRequiredError, WrongPasswordError } from '../errors.ts';

const PASSWORD = 'andOTP passwörd';

describe('andOTP backup', () => {
  it('imports a plain backup with the codes andOTP shows', () => {
    const result = detectAndParse(JSON.stringify(SAMPLE_ACCOUNTS.map(andOtpEntry)));
    expect(result.format).toBe('andotp');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('splits "Issuer - account" labels only in old backups, which have no issuer field', () => {
    const old = { secret: 'JBSWY3DPEHPK3PXP', label: 'Example - alice', digits: 6, type: 'TOTP', period: 30 };
    const current = { ...old, issuer: '' };
    const [fromOld, fromCurrent] = [old, current].map(
      (entry) => detectAndParse(JSON.stringify([entry])).accounts[0],
    );
    expect(fromOld).toMatchObject({ issuer: 'Example', account: 'alice' });
    expect(fromCurrent).toMatchObject({ issuer: '', account: 'Example - alice' });
  });

  it('lists unsupported entries as skipped with the reason', () => {
    const motp = { ...andOtpEntry(SAMPLE_ACCOUNTS[0] as never), type: 'MOTP' };
    const result = detectAndParse(JSON.stringify([motp, { secret: '!', label: 'x', type: 'TOTP' }]));
    expect(result.skipped).toEqual([
      { label: 'Example (alice@example.com)', reason: expect.stringMatching(/"MOTP" is not supported/) },
      { label: 'x', reason: expect.stringMatching(/base32/) },
    ]);
  });

  it('reads an encrypted .json.aes backup from its bytes after asking for the password', async () => {
    const bytes = andOtpEncrypted(PASSWORD, SAMPLE_ACCOUNTS.map(andOtpEntry));
    expect(detectFormat(bytes)).toEqual({ format: 'andotp-encrypted', needsPassword: true });
    expect(() => detectAndParse(bytes)).toThrow(PasswordRequiredError);
    const result = await detectAndParseWithPassword(bytes, PASSWORD);
    expect(result.format).toBe('andotp-encrypted');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('says the password is wrong, or the file cut short, and imports nothing', async () => {
    const bytes = andOtpEncrypted(PASSWORD, SAMPLE_ACCOUNTS.map(andOtpEntry));
    await expect(detectAndParseWithPassword(bytes, 'andOTP password')).rejects.toThrow(WrongPasswordError);
    await expect(detectAndParseWithPassword(bytes.subarray(0, 20), PASSWORD)).rejects.toThrow(
      /not an export this extension can read|incomplete or damaged/,
    );
    const notAList = andOtpEncrypted(PASSWORD, { entries: [] } as never);
    await expect(detectAndParseWithPassword(notAList, PASSWORD)).rejects.toThrow(CorruptFileError);
  });

  it('accounts for every entry of any backup', () => {
    const entry = fc.oneof(
      fc.constantFrom(...SAMPLE_ACCOUNTS.map(andOtpEntry)),
      fc.record({ secret: fc.string(), label: fc.string(), type: fc.anything(), digits: fc.anything() }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 10 }), (entries) => {
        const withOne = [andOtpEntry(SAMPLE_ACCOUNTS[0] as never), ...entries];
        const result = detectAndParse(JSON.stringify(withOne));
        expect(result.entries).toBe(withOne.length);
        expect(accountedFor(result)).toBe(withOne.length);
      }),
      { numRuns: 200 },
    );
  });
});
