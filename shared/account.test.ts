import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OtpAccount, validateAccount } from './account.ts';
import { OtpError } from './errors.ts';
import { validAccount } from './test-support/arbitraries.ts';

const base: OtpAccount = {
  type: 'totp',
  secret: new Uint8Array([1, 2, 3]),
  issuer: 'Example',
  account: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

describe('validateAccount', () => {
  it('accepts every account the generators build (property)', () => {
    fc.assert(fc.property(validAccount, (account) => validateAccount(account) === undefined));
  });

  it('accepts a colon in the account name when an issuer makes the label unambiguous', () => {
    expect(() => validateAccount({ ...base, account: 'team:alice' })).not.toThrow();
  });

  it('accepts counters up to 2^53 - 1 and refuses larger ones', () => {
    expect(() => validateAccount({ ...base, type: 'hotp', counter: Number.MAX_SAFE_INTEGER })).not.toThrow();
    expect(() => validateAccount({ ...base, type: 'hotp', counter: 2 ** 53 })).toThrow(/counter must be/);
  });

  it('reports problems with the INVALID_ACCOUNT code', () => {
    try {
      validateAccount({ ...base, issuer: ' Example' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OtpError);
      expect((error as OtpError).code).toBe('INVALID_ACCOUNT');
    }
  });

  it('accepts names with emoji and other characters outside the basic plane', () => {
    expect(() => validateAccount({ ...base, issuer: 'Bank 🏦', account: 'ユーザー😀' })).not.toThrow();
  });

  it('refuses something that is not an account at all', () => {
    expect(() => validateAccount(null as never)).toThrow(/must be an object/);
  });
});
