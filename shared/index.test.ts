import { describe, expect, it } from 'vitest';
import * as shared from './index.ts';

describe('public API of the shared core', () => {
  it('exports the functions the extension and the verifier are written against', () => {
    for (const name of [
      'base32Decode',
      'base32Encode',
      'hotp',
      'totp',
      'verifyTotp',
      'verifyHotp',
      'parseOtpauthUri',
      'formatOtpauthUri',
      'decodeMigrationUri',
      'encodeMigrationUris',
      'decodeMigrationBatch',
      'generateSecret',
      'validateAccount',
      'steamCode',
    ]) {
      expect(typeof (shared as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('exports OtpError as an Error subclass carrying a code', () => {
    const error = new shared.OtpError('INVALID_URI', 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('OtpError');
    expect(error.code).toBe('INVALID_URI');
    expect(error.message).toBe('bad');
  });

  it('works end to end: a scanned URI gives the code the verifier accepts', () => {
    const account = shared.parseOtpauthUri(
      'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    );
    const time = 1_700_000_000_000;
    const token = shared.totp({ ...account, time });
    expect(shared.verifyTotp({ ...account, token, time: time + 30_000 })).toBe(-1);
  });
});
