import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from './account.ts';
import { OtpError } from './errors.ts';
import { decodeMigrationBatch, decodeMigrationUri, encodeMigrationUris } from './migration.ts';
import {
  ascii,
  ENTRY_HOTP,
  ENTRY_TOTP,
  entryWith,
  FIXTURE_ACCOUNTS,
  MINUS_TWO,
  payload,
  uriFor,
} from './test-support/migration-payloads.ts';

function rejection(uri: string): OtpError {
  try {
    decodeMigrationUri(uri);
  } catch (error) {
    if (error instanceof OtpError) return error;
    throw error;
  }
  throw new Error('expected the export to be rejected');
}

describe('decodeMigrationUri', () => {
  it('imports both accounts of a hand-built export, splitting "Issuer:account" names', () => {
    expect(decodeMigrationUri(uriFor(payload([ENTRY_TOTP, ENTRY_HOTP])))).toEqual(FIXTURE_ACCOUNTS);
  });

  it('reports the place of the QR code in its batch and the batch id', () => {
    expect(
      decodeMigrationBatch(uriFor(payload([ENTRY_TOTP], [0x10, 1, 0x18, 3, 0x20, 2, 0x28, ...MINUS_TWO]))),
    ).toMatchObject({
      version: 1,
      batchSize: 3,
      batchIndex: 2,
      batchId: -2,
    });
  });

  it('keeps a name prefix that differs from the issuer as part of the account name', () => {
    const entry = [0x0a, 1, 0x61, 0x12, 5, ...ascii('x:bob'), 0x1a, 4, ...ascii('Bank'), 0x30, 2];
    expect(decodeMigrationUri(uriFor(payload([entry])))[0]).toMatchObject({
      issuer: 'Bank',
      account: 'x:bob',
    });
  });

  it('keeps the whole name, colon and all, when the export has no issuer', () => {
    // Google's payload names the issuer in a field of its own; an empty one means there is none.
    const name = ascii('encoding: ¿äÄéÉ? (demo)');
    const entry = [0x0a, 1, 0x61, 0x12, name.length, ...name, 0x30, 2];
    expect(decodeMigrationUri(uriFor(payload([entry])))[0]).toMatchObject({
      issuer: '',
      account: 'encoding: ¿äÄéÉ? (demo)',
    });
  });

  it('reads unspecified algorithm and digits as SHA-1 and six digits', () => {
    const entry = [0x0a, 1, 0x61, 0x12, 1, 0x61, 0x30, 2];
    expect(decodeMigrationUri(uriFor(payload([entry])))[0]).toMatchObject({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('skips fields it does not know, of every wire type', () => {
    const unknown = [0x48, 0x05, 0x55, 1, 2, 3, 4, 0x59, 1, 2, 3, 4, 5, 6, 7, 8, 0x62, 2, 0xaa, 0xbb];
    const accounts = decodeMigrationUri(
      uriFor(payload([[...ENTRY_TOTP, ...unknown]], [0x10, 1, ...unknown])),
    );
    expect(accounts).toEqual([FIXTURE_ACCOUNTS[0]]);
  });

  it('accepts a "+" of the base64 left unencoded or turned into a space by another program', () => {
    const [uri] = encodeMigrationUris([
      { ...(FIXTURE_ACCOUNTS[0] as OtpAccount), secret: new Uint8Array(30).fill(0xfb) },
    ]);
    const raw = decodeURIComponent((uri as string).slice('otpauth-migration://offline?data='.length));
    expect(raw).toContain('+');
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${raw}`)[0]?.secret).toEqual(
      new Uint8Array(30).fill(0xfb),
    );
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${raw.replaceAll('+', ' ')}`)).toHaveLength(
      1,
    );
  });

  it('accepts base64 without padding and with URL-safe letters', () => {
    const base64 = Buffer.from(payload([ENTRY_TOTP])).toString('base64url');
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${base64}`)).toEqual([FIXTURE_ACCOUNTS[0]]);
  });

  it.each([
    [
      'a truncated payload',
      uriFor(payload([ENTRY_TOTP]).slice(0, 30)),
      /truncated or corrupt .*claims 54 bytes/,
    ],
    [
      'a payload cut inside a number',
      uriFor([0x0a, 2, 0x38, 0x80]),
      /truncated or corrupt .*ends inside a number/,
    ],
    [
      'a secret sent as a number',
      uriFor(payload([[0x08, 1, 0x30, 2]])),
      /secret field has the wrong wire type 0/,
    ],
    ['a group wire type', uriFor([0x4b]), /unknown wire type 3/],
    ['field number 0', uriFor([0x02, 0x00]), /invalid field number 0/],
    [
      'a name that is not UTF-8',
      uriFor(payload([[0x0a, 1, 0x61, 0x12, 2, 0xc3, 0x28, 0x30, 2]])),
      /name is not valid UTF-8/,
    ],
    [
      'an entry without a secret',
      uriFor(payload([[0x12, 1, 0x61, 0x30, 2]])),
      /Entry 1 \("a"\) has no secret/,
    ],
    [
      'an entry without a name',
      uriFor(payload([[0x0a, 1, 0x61, 0x30, 2]])),
      /Entry 1 cannot be imported: The account name/,
    ],
    [
      'invalid base64',
      'otpauth-migration://offline?data=CjQK!A',
      /not valid base64: it contains "!" at position 5/,
    ],
    ['an impossible base64 length', 'otpauth-migration://offline?data=CjQKF', /length is impossible/],
    ['broken percent-encoding', 'otpauth-migration://offline?data=Cj%ZZ', /broken percent-encoding/],
    ['no data parameter', 'otpauth-migration://offline?foo=bar', /no "data" parameter/],
    ['an empty data parameter', 'otpauth-migration://offline?data=', /no "data" parameter/],
    [
      'another scheme',
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP',
      /must start with "otpauth-migration:\/\/"/,
    ],
  ])('rejects %s with a clear message', (_, uri, message) => {
    const error = rejection(uri);
    expect(error.code).toBe('INVALID_MIGRATION');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['MD5', entryWith(0x20, [4]), /Entry 1 \("Example:alice@example.com"\) uses MD5/],
    ['an unknown algorithm', entryWith(0x20, [9]), /uses an unknown algorithm 9/],
    ['seven digits', entryWith(0x28, [3]), /unknown digit count 3/],
    ['an unspecified OTP type', entryWith(0x30, [0]), /unknown OTP type 0/],
    ['a negative counter', [0x0a, 1, 0x61, 0x12, 1, 0x61, 0x30, 1, 0x38, ...MINUS_TWO], /counter -2 outside/],
  ])('refuses an entry with %s, naming the entry', (_, entry, message) => {
    const error = rejection(uriFor(payload([ENTRY_HOTP, entry])));
    expect(error.code).toBe('UNSUPPORTED_ACCOUNT');
    expect(error.message.replace('Entry 2', 'Entry 1')).toMatch(message);
    expect(error.message).toMatch(/^Entry 2/);
  });

  it('keeps the other entries of a QR code when one cannot be imported, naming that one', () => {
    const batch = decodeMigrationBatch(uriFor(payload([ENTRY_HOTP, entryWith(0x20, [4]), ENTRY_TOTP])));
    expect(batch.accounts.map((a) => a.account)).toEqual(['bob', 'alice@example.com']);
    expect(batch.skipped.map(({ entry, error }) => [entry, error.code])).toEqual([
      [2, 'UNSUPPORTED_ACCOUNT'],
    ]);
  });

  it('only ever returns accounts or throws OtpError, whatever the input (property)', () => {
    const [valid] = encodeMigrationUris(FIXTURE_ACCOUNTS);
    const validBytes = [
      ...Buffer.from(decodeURIComponent((valid as string).split('data=')[1] as string), 'base64'),
    ];
    const mutated = fc
      .tuple(fc.nat(validBytes.length - 1), fc.nat(255), fc.nat(validBytes.length))
      .map(([index, value, cut]) => {
        const bytes = validBytes.slice();
        bytes[index] = value;
        return uriFor(bytes.slice(0, cut));
      });
    const randomBytes = fc.uint8Array({ maxLength: 80 }).map((bytes) => uriFor([...bytes]));
    const randomText = fc.string().map((text) => `otpauth-migration://offline?data=${text}`);
    fc.assert(
      fc.property(fc.oneof(mutated, randomBytes, randomText, fc.string()), (uri) => {
        try {
          return Array.isArray(decodeMigrationUri(uri));
        } catch (error) {
          return error instanceof OtpError;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
