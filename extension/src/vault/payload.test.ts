import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../build/png.ts';
import type { VaultAccount } from '../accounts/account.ts';
import { iconUrl } from '../accounts/site-icon.ts';
import { VaultCorruptError } from './errors.ts';
import { decodePayload, encodePayload } from './payload.ts';

describe('the sealed account list', () => {
  it('reads as accounts or fails as damaged for any bytes, in either format', () => {
    const json = fc
      .jsonValue()
      .map((value) => new TextEncoder().encode(JSON.stringify({ accounts: [value], lastBackupAt: value })));
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), json),
        fc.constantFrom(2 as const, 3 as const),
        (bytes, version) => {
          try {
            const payload = decodePayload(bytes, version);
            expect(Array.isArray(payload.accounts)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(VaultCorruptError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a format 3 list without added-at times or with an invalid backup time', () => {
    const account = {
      id: 'a',
      type: 'totp',
      secret: 'JBSWY3DP',
      issuer: '',
      account: 'ana',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      pinned: false,
    };
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(() => decodePayload(encode({ accounts: [account], lastBackupAt: null }), 3)).toThrow(
      'account 1 has an invalid time added',
    );
    expect(() => decodePayload(encode({ accounts: [], lastBackupAt: -1 }), 3)).toThrow(
      'the time of the last backup is invalid',
    );
    expect(decodePayload(encode({ accounts: [account] }), 2).accounts[0]?.addedAt).toBe(0);
  });
});

describe('the site an account belongs to', () => {
  const account = {
    id: 'a',
    type: 'totp',
    secret: 'JBSWY3DP',
    issuer: 'Example',
    account: 'ana',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pinned: false,
    addedAt: 5,
  };
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it('is kept through a save and a read, and lists written before sites existed read without one', () => {
    const [withSite] = decodePayload(encode({ accounts: [account], lastBackupAt: null }), 3).accounts;
    expect(withSite?.site).toBeUndefined();
    const saved = encodePayload([{ ...(withSite as VaultAccount), site: 'https://login.example.com' }]);
    expect(decodePayload(saved, 3).accounts[0]?.site).toBe('https://login.example.com');
    expect(decodePayload(encode({ accounts: [account] }), 2).accounts[0]?.site).toBeUndefined();
  });

  it('refuses a site that is not a web origin as damage', () => {
    for (const site of ['javascript:alert(1)', 'https://example.com/path', 42, '']) {
      expect(() =>
        decodePayload(encode({ accounts: [{ ...account, site }], lastBackupAt: null }), 3),
      ).toThrow('account 1 has an invalid site');
    }
  });
});

describe('the icon an account shows', () => {
  const account = {
    id: 'a',
    type: 'totp',
    secret: 'JBSWY3DP',
    issuer: 'Example',
    account: 'ana',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pinned: false,
    addedAt: 5,
  };
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  const icon = iconUrl(new Uint8Array(encodePng(16, 16, new Uint8Array(16 * 16 * 4).fill(90))));

  it('is kept through a save and a read, and lists written before icons existed read without one', () => {
    const [plain] = decodePayload(encode({ accounts: [account], lastBackupAt: null }), 3).accounts;
    expect(plain?.icon).toBeUndefined();
    const saved = encodePayload([{ ...(plain as VaultAccount), icon }]);
    expect(decodePayload(saved, 3).accounts[0]?.icon).toBe(icon);
  });

  it('is left out when it is not a small PNG, and the account still opens with everything else', () => {
    for (const bad of ['data:image/svg+xml;base64,PHN2Zz4=', 'https://example.com/favicon.ico', 42, '']) {
      const [read] = decodePayload(
        encode({ accounts: [{ ...account, icon: bad }], lastBackupAt: null }),
        3,
      ).accounts;
      expect(read?.icon).toBeUndefined();
      expect(read?.issuer).toBe('Example');
    }
  });
});
