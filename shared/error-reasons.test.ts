import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  decodeMigrationUri,
  encodeMigrationUris,
  type OtpAccount,
  OtpError,
  parseOtpauthUri,
  validateAccount,
} from './index.ts';

// An OtpError a person can meet carries its reason as data beside the English message, so the
// extension can word it in the user's language; the message itself is unchanged.

const ACCOUNT: OtpAccount = {
  type: 'totp',
  secret: new Uint8Array(10).fill(7),
  issuer: 'Example',
  account: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

function thrown(run: () => unknown): OtpError {
  try {
    run();
  } catch (error) {
    if (error instanceof OtpError) return error;
  }
  throw new Error('no OtpError');
}

describe('the reason of an account that cannot be used', () => {
  it.each([
    [
      { digits: 10 },
      'The number of digits must be 6 to 8, not 10.',
      { kind: 'digits-out-of-range', digits: '10', min: '6', max: '8' },
    ],
    [
      { period: 0 },
      'The period must be a whole number of seconds from 1 to 3600, not 0.',
      { kind: 'period-out-of-range', period: '0', max: '3600' },
    ],
    [
      { type: 'hotp', counter: -1 },
      'The counter must be a whole number from 0 to 2^53 - 1, not -1.',
      { kind: 'counter-out-of-range', counter: '-1' },
    ],
    [
      { issuer: 'A:B' },
      'The issuer "A:B" must not contain a colon.',
      { kind: 'issuer-has-colon', issuer: 'A:B' },
    ],
    [
      { account: 'x\uD800' },
      'The issuer or account name contains a broken character (an unpaired UTF-16 surrogate).',
      { kind: 'broken-character' },
    ],
    [
      { account: ' x' },
      'The issuer and account name must not start or end with spaces.',
      { kind: 'surrounding-spaces' },
    ],
  ] as const)('%o: the same English message, and its reason as data', (change, message, reason) => {
    const error = thrown(() => validateAccount({ ...ACCOUNT, ...change }));
    expect(error.message).toBe(message);
    expect(error.reason).toEqual(reason);
  });

  it('is absent where no person can meet it (a programming mistake)', () => {
    expect(thrown(() => validateAccount({ ...ACCOUNT, secret: new Uint8Array(0) })).reason).toBeUndefined();
  });
});

describe('the reason of an otpauth:// URI that cannot be read', () => {
  it('names what is wrong, and the base32 reason inside it as its cause', () => {
    const error = thrown(() => parseOtpauthUri('otpauth://totp/Example:alice?secret=AB=C'));
    expect(error.message).toBe(
      'The "secret" parameter is not valid base32: Base32 text continues after "=" padding at position 4.',
    );
    expect(error.reason).toEqual({ kind: 'secret-not-base32-because' });
    expect((error.cause as OtpError).reason).toEqual({ kind: 'base32-after-padding', position: '4' });
  });

  it('says where a percent-encoding is broken', () => {
    const error = thrown(() => parseOtpauthUri('otpauth://totp/Example:alice?secret=JBSWY3DP&issuer=%ZZ'));
    expect(error.message).toMatch(/^The "issuer" parameter has a broken percent-encoding/);
    expect(error.reason).toEqual({
      kind: 'broken-percent-encoding',
      place: { in: 'parameter', parameter: 'issuer' },
    });
  });

  it('gives base32 text of an impossible length its count', () => {
    expect(thrown(() => base32Decode('ABC')).reason).toEqual({ kind: 'base32-bad-length', symbols: '3' });
  });
});

describe('the reason of an export QR code that cannot be read', () => {
  it('names what is missing', () => {
    const error = thrown(() => decodeMigrationUri('otpauth-migration://offline'));
    expect(error.message).toBe('The export URI has no "data" parameter.');
    expect(error.reason).toEqual({ kind: 'export-without-data' });
  });

  it('names the account the export format cannot hold', () => {
    const error = thrown(() => encodeMigrationUris([{ ...ACCOUNT, digits: 7 }]));
    expect(error.message).toBe(
      'Account 1 (Example / alice) has 7 digits; the export format only holds 6 or 8.',
    );
    expect(error.reason).toEqual({
      kind: 'export-holds-no-such-digits',
      account: { position: '1', label: 'Example / alice' },
      digits: '7',
    });
  });
});
