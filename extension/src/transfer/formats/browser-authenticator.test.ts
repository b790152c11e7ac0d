import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  type AppAccount,
  accountedFor,
  countCorrect,
  sameCodes,
} from '../../../test-support/independent-codes.ts';
import { PasswordRequiredError } from '../errors.ts';
import {
  browserAuthenticatorEntries,
  isBrowserAuthenticatorBackup,
  parseBrowserAuthenticator,
} from './browser-authenticator.ts';

// Written from the Authenticator extension's storage layout: entries keyed by hash, defaults left out.
const BACKUP = {
  '7d1e8f2c-5a4b-4c3d-9e8f-1a2b3c4d5e6f': {
    account: 'alice@example.com',
    encrypted: false,
    hash: '7d1e8f2c-5a4b-4c3d-9e8f-1a2b3c4d5e6f',
    index: 1,
    issuer: 'Example',
    secret: 'JBSWY3DPEHPK3PXP',
    type: 'totp',
    dataType: 'OTPStorage',
  },
  'a1b2c3d4-0000-4000-8000-000000000001': {
    account: 'bob',
    counter: 5,
    digits: 8,
    algorithm: 'SHA512',
    encrypted: false,
    hash: 'a1b2c3d4-0000-4000-8000-000000000001',
    index: 0,
    issuer: 'Counter Co',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    type: 'hotp',
  },
  'hex-entry': {
    account: 'hexy',
    encrypted: false,
    index: 2,
    issuer: 'Hex Inc',
    period: 60,
    algorithm: 2,
    secret: '3132333435363738393031323334353637383930',
    type: 'hex',
  },
  steam: {
    account: 'gamer',
    encrypted: false,
    index: 3,
    issuer: 'Steam',
    secret: 'stm-JBSWY3DPEHPK3PXP',
    type: 'totp',
  },
  battle: {
    account: 'hero',
    encrypted: false,
    index: 4,
    issuer: 'Battle',
    secret: 'JBSWY3DPEHPK3PXP',
    type: 'battle',
  },
  locked: { dataType: 'EncOTPStorage', keyId: 'k1', data: 'U2FsdGVkX1+...', index: 5 },
  gost: {
    account: 'g',
    encrypted: false,
    index: 6,
    issuer: 'Gost',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'GOST3411_2012_256',
  },
  key: { enc: 'U2FsdGVkX1+abc', hash: '$argon2id$v=19$...' },
  'key-1': { dataType: 'Key', id: 'key-1', salt: 'c2FsdA==', hash: 'x', version: 3 },
};

describe('Authenticator extension backup', () => {
  it('is recognised by its hash-keyed entries', () => {
    expect(isBrowserAuthenticatorBackup(BACKUP)).toBe(true);
    expect(isBrowserAuthenticatorBackup({ settings: { theme: 'dark' } })).toBe(false);
  });

  it('imports TOTP, HOTP and hex-secret entries in the extension’s order, applying its defaults', () => {
    const result = parseBrowserAuthenticator(BACKUP);
    expect(result.format).toBe('browser-authenticator');
    expect(result.accounts.slice(0, 3).map(({ secret, ...rest }) => rest)).toEqual([
      {
        type: 'hotp',
        issuer: 'Counter Co',
        account: 'bob',
        algorithm: 'SHA512',
        digits: 8,
        period: 30,
        counter: 5,
      },
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
        type: 'totp',
        issuer: 'Hex Inc',
        account: 'hexy',
        algorithm: 'SHA256',
        digits: 6,
        period: 60,
        counter: 0,
      },
    ]);
    const rfcSecret = new TextEncoder().encode('12345678901234567890');
    expect(result.accounts[0]?.secret).toEqual(rfcSecret);
    expect(result.accounts[2]?.secret).toEqual(rfcSecret);
  });

  it('imports Steam and Battle.net entries, lists encrypted and GOST ones as skipped, and ignores key records', () => {
    const result = parseBrowserAuthenticator(BACKUP);
    expect(result.accounts.slice(3).map(({ type, issuer, digits }) => ({ type, issuer, digits }))).toEqual([
      { type: 'steam', issuer: 'Steam', digits: 5 },
      { type: 'totp', issuer: 'Battle', digits: 8 },
    ]);
    expect(result.skipped).toEqual([
      { label: 'Entry 6', reason: expect.stringMatching(/encrypted/) },
      { label: 'Gost (g)', reason: expect.stringMatching(/GOST3411_2012_256/) },
    ]);
    expect(result.entries).toBe(7);
  });

  it('accounts for all 15 of its own edge cases: imported, skipped with a reason, or a counted repeat', () => {
    const hex = '3132333435363738393031323334353637383930';
    const edgeCases = {
      a: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', account: 'alice', index: 0 },
      b: {
        type: 'hotp',
        secret: 'GEZDGNBVGY3TQOJQ',
        issuer: 'Counter',
        account: 'bob',
        counter: 5,
        digits: 8,
        algorithm: 'SHA512',
        index: 1,
      },
      c: { type: 'hex', secret: hex, issuer: 'Hex', account: 'h', algorithm: 2, index: 2 },
      d: { type: 'hhex', secret: '3132333435363738', issuer: 'Hhex', account: 'hh', counter: 2, index: 3 },
      e: { type: 'steam', secret: 'ONSWG4TFORZXG5DF', issuer: 'Steam', account: 's1', index: 4 },
      f: { type: 'totp', secret: 'stm-MFRGGZDFMZTWQ2LK', issuer: 'Steam', account: 's2', index: 5 },
      g: { type: 'battle', secret: 'blz-KRUGS4ZANFZSAYJA', issuer: 'Battle.net', account: 'hero', index: 6 },
      h: { secret: 'NBSWY3DPO5XXE3DE' },
      i: 'JBSWY3DPEHPK3PXP',
      j: {
        type: 'totp',
        secret: 'MZXW6YTBOI',
        issuer: 'Gost',
        account: 'g',
        algorithm: 'GOST3411_2012_256',
        index: 9,
      },
      k: { dataType: 'EncOTPStorage', keyId: 'k1', data: 'U2FsdGVkX1+AAAA', index: 10 },
      l: { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', account: 'alice', index: 11 },
      m: { type: 'totp', secret: '', issuer: 'Empty', account: 'e', index: 12 },
      n: {
        type: 'totp',
        secret: 'ORSXG5DJNZTXGZLD',
        issuer: 'Slow',
        account: 'seven',
        digits: 7,
        period: 60,
        index: 13,
      },
      o: { secret: 'GEZDGNBVGY3TQOJQGEZA', issuer: 'Ünïcode', account: 'ç@example.com' },
      key: { enc: 'U2FsdGVkX1+abc', hash: '$argon2id$v=19$...' },
      'key-1': { dataType: 'Key', id: 'key-1', salt: 'c2FsdA==', hash: 'x', version: 3 },
    };
    const result = parseBrowserAuthenticator(edgeCases);
    expect(result.entries).toBe(15);
    expect(result.accounts).toHaveLength(10);
    expect(result.skipped.map((entry) => entry.label)).toEqual([
      'Gost (g)',
      'Entry 11',
      'Empty (e)',
      'Entry 9',
    ]);
    expect(result.skipped.every((entry) => entry.reason.length > 10)).toBe(true);
    expect(result.repeats).toBe(1);
    const apps: AppAccount[] = [
      { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', account: 'alice' },
      {
        type: 'hotp',
        secret: 'GEZDGNBVGY3TQOJQ',
        issuer: 'Counter',
        account: 'bob',
        counter: 5,
        digits: 8,
        algorithm: 'SHA512',
      },
      {
        type: 'totp',
        secret: OTPAuth.Secret.fromHex(hex).base32,
        issuer: 'Hex',
        account: 'h',
        algorithm: 'SHA256',
      },
      {
        type: 'hotp',
        secret: OTPAuth.Secret.fromHex('3132333435363738').base32,
        issuer: 'Hhex',
        account: 'hh',
        counter: 2,
      },
      { type: 'steam', secret: 'ONSWG4TFORZXG5DF', issuer: 'Steam', account: 's1' },
      { type: 'steam', secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Steam', account: 's2' },
      { type: 'totp', secret: 'KRUGS4ZANFZSAYJA', issuer: 'Battle.net', account: 'hero', digits: 8 },
      { type: 'totp', secret: 'ORSXG5DJNZTXGZLD', issuer: 'Slow', account: 'seven', digits: 7, period: 60 },
      { type: 'totp', secret: 'GEZDGNBVGY3TQOJQGEZA', issuer: 'Ünïcode', account: 'ç@example.com' },
    ];
    expect(countCorrect(result.accounts, apps)).toBe(apps.length);
    // The secret-only entry has no name in the file: it gets one to rename, and the TOTP defaults.
    const unnamed = result.accounts.find((a) => a.account === 'Unnamed account 8');
    expect(
      unnamed && sameCodes(unnamed, { type: 'totp', secret: 'NBSWY3DPO5XXE3DE', issuer: '', account: '' }),
    ).toBe(true);
  });

  it('returns a result for arbitrary entries', () => {
    const entry = fc.record(
      {
        type: fc.oneof(fc.constantFrom('totp', 'hotp', 'hex', 'hhex', 'steam'), fc.anything()),
        secret: fc.oneof(fc.constantFrom('JBSWY3DPEHPK3PXP', '31323334', 'stm-AAAA'), fc.string()),
        issuer: fc.anything(),
        account: fc.anything(),
        digits: fc.anything(),
        period: fc.anything(),
        counter: fc.anything(),
        algorithm: fc.anything(),
        index: fc.anything(),
        encrypted: fc.anything(),
        dataType: fc.anything(),
      },
      { requiredKeys: ['secret'] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(entry, fc.anything())), (backup) => {
        let result: ReturnType<typeof parseBrowserAuthenticator>;
        try {
          result = parseBrowserAuthenticator(backup);
        } catch (error) {
          expect(error).toBeInstanceOf(PasswordRequiredError);
          return;
        }
        expect(accountedFor(result)).toBe(result.entries);
        expect(result.entries).toBe(browserAuthenticatorEntries(backup).length);
      }),
      { numRuns: 300 },
    );
  });
});
