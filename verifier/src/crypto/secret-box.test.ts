import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, SecretBox, SecretBoxError } from './secret-box.ts';

describe('secret box', () => {
  const key = randomBytes(32);
  const secret = new Uint8Array(randomBytes(20));

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const box = new SecretBox([key]);
    const sealed = box.seal(secret, 'credential:1');
    expect(sealed.keyId).toBe(keyIdOf(key));
    expect(Buffer.from(sealed.box, 'base64').includes(Buffer.from(secret))).toBe(false);
    expect(box.open(sealed, 'credential:1')).toEqual(secret);
  });

  it('uses a fresh nonce each time, so the same secret never seals to the same text', () => {
    const box = new SecretBox([key]);
    expect(box.seal(secret, 'x').box).not.toBe(box.seal(secret, 'x').box);
  });

  it('refuses a sealed secret moved to another user', () => {
    const box = new SecretBox([key]);
    expect(() => box.open(box.seal(secret, 'credential:1'), 'credential:2')).toThrow(SecretBoxError);
  });

  it('refuses tampered ciphertext', () => {
    const box = new SecretBox([key]);
    const sealed = box.seal(secret, 'c');
    const raw = Buffer.from(sealed.box, 'base64');
    raw[14] = (raw[14] as number) ^ 1;
    expect(() => box.open({ ...sealed, box: raw.toString('base64') }, 'c')).toThrow(/failed authentication/);
  });

  it('still opens secrets sealed with an older key after rotation, and seals with the new one', () => {
    const oldBox = new SecretBox([key]);
    const sealed = oldBox.seal(secret, 'c');
    const newKey = randomBytes(32);
    const rotated = new SecretBox([newKey, key]);
    expect(rotated.open(sealed, 'c')).toEqual(secret);
    expect(rotated.seal(secret, 'c').keyId).toBe(keyIdOf(newKey));
    expect(() => new SecretBox([newKey]).open(sealed, 'c')).toThrow(/No master key with id/);
  });

  it('rejects keys that are not 256 bits', () => {
    expect(() => new SecretBox([randomBytes(16)])).toThrow(/32 bytes/);
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
  });
});
