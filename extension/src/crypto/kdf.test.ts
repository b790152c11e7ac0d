import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import { deriveKey, deriveKeyFromBytes, type KdfParams, KdfParamsError, newKdfParams } from './kdf.ts';

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const fixedRandom = (n: number) => new Uint8Array(n).fill(7);

function params(overrides: Partial<Record<keyof KdfParams, unknown>> = {}): KdfParams {
  return {
    algorithm: 'scrypt',
    N: 16,
    r: 1,
    p: 1,
    dkLen: 32,
    salt: base64Encode(new Uint8Array(16)),
    ...overrides,
  } as KdfParams;
}

describe('newKdfParams', () => {
  it('uses scrypt N=2^17, r=8, p=1 (OWASP floor) with a 16-byte random salt', () => {
    const made = newKdfParams(fixedRandom);
    expect(made).toEqual({
      algorithm: 'scrypt',
      N: 131072,
      r: 8,
      p: 1,
      dkLen: 32,
      salt: base64Encode(fixedRandom(16)),
    });
    expect(base64Decode(made.salt)).toHaveLength(16);
  });
});

describe('deriveKey', () => {
  // RFC 7914 §12, first vector: P="", S="", N=16, r=1, p=1. Its first 32 bytes are the 32-byte key,
  // because PBKDF2's first output block does not depend on dkLen.
  it('matches the RFC 7914 §12 vector for an empty password and salt', async () => {
    const expected = hex(
      '77 d6 57 62 38 65 7b 20 3b 19 ca 42 c1 8a 04 97 f1 6b 48 44 e3 07 4a e8 df df fa 3f ed e2 14 42',
    );
    expect(await deriveKey('', params({ salt: '' }))).toEqual(expected);
  });

  it('matches the RFC 7914 §12 vector for "password" and "NaCl" (N=1024, r=8, p=16)', async () => {
    const expected = hex(
      'fd ba be 1c 9d 34 72 00 78 56 e7 19 0d 01 e9 fe 7c 6a d7 cb c8 23 78 30 e7 73 76 63 4b 37 31 62',
    );
    const salt = base64Encode(new TextEncoder().encode('NaCl'));
    expect(await deriveKey('password', params({ N: 1024, r: 8, p: 16, salt }))).toEqual(expected);
  });

  it('gives the same key for a password typed in composed or decomposed Unicode form', async () => {
    const composed = 'caf\u00e9 \uff21'; // é as one code point, full-width A
    const decomposed = 'cafe\u0301 A';
    expect(await deriveKey(composed, params())).toEqual(await deriveKey(decomposed, params()));
    expect(await deriveKey(decomposed, params())).toEqual(
      await deriveKeyFromBytes(new TextEncoder().encode('caf\u00e9 A'), params()),
    );
  });

  it('gives different keys for different passwords and different salts', async () => {
    const a = await deriveKey('correct horse', params());
    expect(await deriveKey('correct horsE', params())).not.toEqual(a);
    expect(await deriveKey('correct horse', params({ salt: base64Encode(fixedRandom(16)) }))).not.toEqual(a);
  });

  it('refuses parameters a damaged or hostile file could use to exhaust memory or time', async () => {
    const cases: [Partial<Record<keyof KdfParams, unknown>>, RegExp][] = [
      [{ N: 1000 }, /power of two/],
      [{ N: 1 }, /power of two/],
      [{ N: 2 ** 21 }, /power of two from 2 to/],
      [{ N: 2 ** 20, r: 8 }, /MiB/],
      [{ N: 2 ** 16, r: 8, p: 16 }, /work limit/],
      [{ r: 0 }, /r must be an integer/],
      [{ r: 1.5 }, /r must be an integer/],
      [{ p: 17 }, /p must be an integer/],
      [{ p: '1' }, /p must be an integer/],
      [{ dkLen: 64 }, /dkLen/],
      [{ algorithm: 'argon2id' }, /unsupported key derivation algorithm/],
      [{ salt: 'not base64!' }, /salt is not valid base64/],
      [{ salt: base64Encode(new Uint8Array(65)) }, /salt is longer/],
      [{ salt: 42 }, /salt must be a base64 string/],
    ];
    for (const [override, message] of cases) {
      await expect(deriveKey('pw', params(override)), JSON.stringify(override)).rejects.toThrow(
        KdfParamsError,
      );
      await expect(deriveKey('pw', params(override))).rejects.toThrow(message);
    }
  });
});
