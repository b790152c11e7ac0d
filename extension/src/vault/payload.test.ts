import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VaultCorruptError } from './errors.ts';
import { decodePayload } from './payload.ts';

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
