import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import { DecryptionError, decryptAesGcm, encryptAesGcm, open, type Sealed, seal } from './aead.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, '').match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const bytes = (s: string) => new TextEncoder().encode(s);

function flipBit(value: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(value);
  copy[bit >> 3] = (copy[bit >> 3] ?? 0) ^ (1 << (bit & 7));
  return copy;
}

describe('seal and open', () => {
  const key = random(32);
  const aad = bytes('{"format":"test","version":1}');

  it('gets back the plaintext with the same key and associated data', async () => {
    const plaintext = bytes('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP');
    const sealed = await seal(key, plaintext, aad, random);
    expect(base64Decode(sealed.iv)).toHaveLength(12);
    expect(base64Decode(sealed.ciphertext)).toHaveLength(plaintext.length + 16);
    expect(await open(key, sealed, aad)).toEqual(plaintext);
  });

  it('uses a fresh nonce each time, so equal plaintexts do not look equal', async () => {
    const a = await seal(key, bytes('same'), aad, random);
    const b = await seal(key, bytes('same'), aad, random);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('rejects a wrong key with DecryptionError', async () => {
    const sealed = await seal(key, bytes('secret'), aad, random);
    await expect(open(random(32), sealed, aad)).rejects.toThrow(DecryptionError);
  });

  it('rejects any single flipped bit in the nonce, the ciphertext or the associated data', async () => {
    const plaintext = bytes('four');
    const sealed = await seal(key, plaintext, aad, random);
    const iv = base64Decode(sealed.iv);
    const ciphertext = base64Decode(sealed.ciphertext);
    for (let bit = 0; bit < iv.length * 8; bit++) {
      const tampered: Sealed = { iv: base64Encode(flipBit(iv, bit)), ciphertext: sealed.ciphertext };
      await expect(open(key, tampered, aad), `iv bit ${bit}`).rejects.toThrow(DecryptionError);
    }
    for (let bit = 0; bit < ciphertext.length * 8; bit++) {
      const tampered: Sealed = { iv: sealed.iv, ciphertext: base64Encode(flipBit(ciphertext, bit)) };
      await expect(open(key, tampered, aad), `ciphertext bit ${bit}`).rejects.toThrow(DecryptionError);
    }
    for (let bit = 0; bit < aad.length * 8; bit++) {
      await expect(open(key, sealed, flipBit(aad, bit)), `aad bit ${bit}`).rejects.toThrow(DecryptionError);
    }
  });

  it('rejects truncated, shortened-nonce or non-base64 data with DecryptionError', async () => {
    const sealed = await seal(key, bytes('secret'), aad, random);
    const ciphertext = base64Decode(sealed.ciphertext);
    const damaged: Sealed[] = [
      { iv: sealed.iv, ciphertext: base64Encode(ciphertext.subarray(0, 15)) },
      { iv: sealed.iv, ciphertext: base64Encode(ciphertext.subarray(0, ciphertext.length - 1)) },
      { iv: base64Encode(base64Decode(sealed.iv).subarray(0, 8)), ciphertext: sealed.ciphertext },
      { iv: sealed.iv, ciphertext: `${sealed.ciphertext}!` },
      { iv: 5, ciphertext: sealed.ciphertext } as unknown as Sealed,
    ];
    for (const value of damaged) await expect(open(key, value, aad)).rejects.toThrow(DecryptionError);
  });

  it('refuses keys that are not 256 bits, naming the argument', async () => {
    await expect(seal(random(16), bytes('x'), aad, random)).rejects.toThrow(/key must be 32 bytes/);
    await expect(open(random(31), { iv: '', ciphertext: '' }, aad)).rejects.toThrow(RangeError);
  });
});

describe('AES-256-GCM primitive', () => {
  // NIST GCM specification (McGrew & Viega), test case 16: 256-bit key, 96-bit IV, with associated data.
  it('matches the published AES-256-GCM test case with associated data', async () => {
    const key = hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const iv = hex('cafebabefacedbaddecaf888');
    const plaintext = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    const aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const expected = hex(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' +
        '76fc6ece0f4e1768cddf8853bb2d551b',
    );
    expect(await encryptAesGcm(key, iv, plaintext, aad)).toEqual(expected);
    expect(await decryptAesGcm(key, iv, expected, aad)).toEqual(plaintext);
  });
});
