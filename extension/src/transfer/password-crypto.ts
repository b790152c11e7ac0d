import { md5 } from '@noble/hashes/legacy.js';
import { DecryptionError, decryptAesGcm } from '../crypto/aead.ts';

/**
 * Password-based ciphers that other apps' encrypted exports use, over WebCrypto. Each returns
 * `null` when the password (or the data) does not fit, so the caller can say which it was.
 */

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('WebCrypto (crypto.subtle) is not available in this environment');
  return api;
}

/** WebCrypto wants ArrayBuffer-backed views. */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** PBKDF2 (RFC 8018 §5.2) of the UTF-8 password as typed, to a 256-bit key. */
export async function pbkdf2Key(
  password: string,
  salt: Uint8Array,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256',
): Promise<Uint8Array> {
  const passwordBytes = new TextEncoder().encode(password);
  try {
    const material = await subtle().importKey('raw', passwordBytes, 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle().deriveBits(
      { name: 'PBKDF2', salt: own(salt), iterations, hash },
      material,
      256,
    );
    return new Uint8Array(bits);
  } finally {
    passwordBytes.fill(0);
  }
}

/** AES-256-GCM with the tag after the ciphertext and no associated data; null when not authentic. */
export async function openAesGcm(
  key: Uint8Array,
  nonce: Uint8Array,
  sealed: Uint8Array,
): Promise<Uint8Array | null> {
  try {
    return await decryptAesGcm(key, nonce, sealed, new Uint8Array(0));
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

const SALTED = new TextEncoder().encode('Salted__');

/**
 * OpenSSL's passphrase format as CryptoJS writes it for `AES.encrypt(text, passphrase)`:
 * base64 of "Salted__", an 8-byte salt, then AES-256-CBC; key and IV come from EVP_BytesToKey
 * with MD5 and one round. Null when the text is not in that format or the passphrase is wrong
 * (the padding does not check out).
 */
export async function openCryptoJsAes(base64Text: string, passphrase: string): Promise<Uint8Array | null> {
  let data: Uint8Array;
  try {
    data = Uint8Array.from(atob(base64Text.trim()), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
  if (data.length < 32 || (data.length - 16) % 16 !== 0) return null;
  if (!SALTED.every((byte, index) => data[index] === byte)) return null;
  const salt = data.subarray(8, 16);
  const pass = new TextEncoder().encode(passphrase);
  const derived = new Uint8Array(48);
  let previous = new Uint8Array(0);
  for (let filled = 0; filled < 48; filled += 16) {
    const input = new Uint8Array(previous.length + pass.length + salt.length);
    input.set(previous);
    input.set(pass, previous.length);
    input.set(salt, previous.length + pass.length);
    previous = md5(input);
    derived.set(previous, filled);
  }
  try {
    const key = await subtle().importKey('raw', own(derived.subarray(0, 32)), 'AES-CBC', false, ['decrypt']);
    const plain = await subtle().decrypt(
      { name: 'AES-CBC', iv: own(derived.subarray(32)) },
      key,
      own(data.subarray(16)),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  } finally {
    derived.fill(0);
    pass.fill(0);
  }
}

/** UTF-8 text, or null when the bytes are not valid UTF-8. */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
