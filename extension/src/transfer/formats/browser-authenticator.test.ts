import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBrowserAuthenticatorBackup, parseBrowserAuthenticator } from './browser-authenticator.ts';

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
    expect(result.accounts.map(({ secret, ...rest }) => rest)).toEqual([
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

  it('lists Steam, Battle.net, encrypted and GOST entries as skipped, and ignores key records', () => {
    expect(parseBrowserAuthenticator(BACKUP).skipped).toEqual([
      { label: 'Steam (gamer)', reason: expect.stringMatching(/"steam" is not supported/) },
      { label: 'Battle (hero)', reason: expect.stringMatching(/"battle" is not supported/) },
      { label: 'Entry 6', reason: expect.stringMatching(/encrypted/) },
      { label: 'Gost (g)', reason: expect.stringMatching(/GOST3411_2012_256/) },
    ]);
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
        const result = parseBrowserAuthenticator(backup);
        expect(Array.isArray(result.accounts)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
