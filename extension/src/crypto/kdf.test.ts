import { hashRaw } from '@node-rs/argon2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import {
  type Argon2idParams,
  deriveKey,
  deriveKeyFromBytes,
  KdfParamsError,
  newKdfParams,
  type ScryptParams,
  weakerThanDefault,
} from './kdf.ts';

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const fixedRandom = (n: number) => new Uint8Array(n).fill(7);

function params(overrides: Partial<Record<keyof ScryptParams, unknown>> = {}): ScryptParams {
  return {
    algorithm: 'scrypt',
    N: 16,
    r: 1,
    p: 1,
    dkLen: 32,
    salt: base64Encode(new Uint8Array(16)),
    ...overrides,
  } as ScryptParams;
}

function argon(overrides: Partial<Record<keyof Argon2idParams, unknown>> = {}): Argon2idParams {
  return {
    algorithm: 'argon2id',
    memoryKiB: 64,
    iterations: 1,
    parallelism: 1,
    dkLen: 32,
    salt: base64Encode(new Uint8Array(16).fill(1)),
    ...overrides,
  } as Argon2idParams;
}

describe('newKdfParams', () => {
  it('uses Argon2id with 64 MiB, 3 passes, 1 lane (beyond OWASP floor) and a 16-byte random salt', () => {
    const made = newKdfParams(fixedRandom);
    expect(made).toEqual({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
      dkLen: 32,
      salt: base64Encode(fixedRandom(16)),
    });
    expect(base64Decode(made.salt)).toHaveLength(16);
  });

  it('calls every scrypt vault weaker than today, and Argon2id below the default costs', () => {
    expect(weakerThanDefault(params({ N: 2 ** 17, r: 8 }))).toBe(true);
    expect(weakerThanDefault(newKdfParams(fixedRandom))).toBe(false);
    expect(weakerThanDefault(argon({ memoryKiB: 65536, iterations: 2 }))).toBe(true);
    expect(weakerThanDefault(argon({ memoryKiB: 19456, iterations: 3 }))).toBe(true);
  });
});

describe('deriveKey with Argon2id', () => {
  it('agrees with the native argon2 library for any password, salt and cost (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.uint8Array({ minLength: 8, maxLength: 32 }),
        fc.integer({ min: 8, max: 256 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 4 }),
        async (password, salt, memory, iterations, parallelism) => {
          const memoryKiB = Math.max(memory, 8 * parallelism);
          const ours = await deriveKeyFromBytes(
            password,
            argon({ memoryKiB, iterations, parallelism, salt: base64Encode(salt) }),
          );
          const native = await hashRaw(Buffer.from(password), {
            algorithm: 2, // Algorithm.Argon2id (a const enum the type-checker will not import)
            memoryCost: memoryKiB,
            timeCost: iterations,
            parallelism,
            outputLen: 32,
            salt: Buffer.from(salt),
          });
          expect(Buffer.from(ours).equals(native)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses to derive an Argon2id key from an empty password, clearly', async () => {
    await expect(deriveKey('', argon())).rejects.toThrow(/Argon2id needs a non-empty password/);
  });

  it('refuses Argon2id parameters a damaged or hostile file could use to exhaust memory or time', async () => {
    const cases: [Partial<Record<keyof Argon2idParams, unknown>>, RegExp][] = [
      [{ memoryKiB: 4 }, /memory \(KiB\) must be an integer from 8/],
      [{ memoryKiB: 300 * 1024 }, /memory \(KiB\) must be an integer/],
      [{ memoryKiB: 256 * 1024, iterations: 4 }, /work limit/],
      [{ iterations: 0 }, /iterations must be an integer from 1/],
      [{ iterations: 11 }, /iterations must be an integer/],
      [{ parallelism: 5 }, /parallelism must be an integer from 1 to 4/],
      [{ parallelism: 2, memoryKiB: 8 }, /memory \(KiB\) must be an integer from 16/],
      [{ salt: base64Encode(new Uint8Array(4)) }, /at least 8 bytes/],
      [{ dkLen: 16 }, /dkLen/],
    ];
    for (const [override, message] of cases) {
      await expect(deriveKey('pw', argon(override)), JSON.stringify(override)).rejects.toThrow(
        KdfParamsError,
      );
      await expect(deriveKey('pw', argon(override))).rejects.toThrow(message);
    }
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
    const cases: [Partial<Record<keyof ScryptParams, unknown>>, RegExp][] = [
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
      [{ algorithm: 'argon2d' }, /unsupported key derivation algorithm/],
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
