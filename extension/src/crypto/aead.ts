import { Base64Error, base64Decode, base64Encode } from '../../../shared/internal/base64.ts';

/** AES-256-GCM output; both fields base64. `ciphertext` carries the 128-bit tag at its end. */
export interface Sealed {
  iv: string;
  ciphertext: string;
}

/** Wrong key, or the data, nonce or associated data were changed. Deliberately not more specific. */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
}

export const KEY_BYTES = 32;
/** 96-bit nonce: the length GCM is specified for (NIST SP 800-38D §5.2.1.1). */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new Error('WebCrypto (crypto.subtle) is not available in this environment');
  return api;
}

function checkBytes(name: string, value: unknown, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

// WebCrypto typings want ArrayBuffer-backed views; copying also detaches us from caller buffers.
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

async function importKey(key: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  checkBytes('key', key, KEY_BYTES);
  return subtle().importKey('raw', buffer(key), { name: 'AES-GCM' }, false, [usage]);
}

/** AES-256-GCM encryption with a caller-chosen nonce; returns ciphertext followed by the tag. */
export async function encryptAesGcm(
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  checkBytes('iv', iv, IV_BYTES);
  checkBytes('plaintext', plaintext);
  checkBytes('aad', aad);
  const cryptoKey = await importKey(key, 'encrypt');
  const params = { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(aad), tagLength: TAG_BYTES * 8 };
  return new Uint8Array(await subtle().encrypt(params, cryptoKey, buffer(plaintext)));
}

/** AES-256-GCM decryption of ciphertext followed by its tag; throws DecryptionError when not authentic. */
export async function decryptAesGcm(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertextAndTag: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  checkBytes('ciphertext', ciphertextAndTag);
  checkBytes('aad', aad);
  const cryptoKey = await importKey(key, 'decrypt');
  if (!(iv instanceof Uint8Array) || iv.length !== IV_BYTES) {
    throw new DecryptionError(`the nonce must be ${IV_BYTES} bytes; the data is damaged`);
  }
  if (ciphertextAndTag.length < TAG_BYTES) throw new DecryptionError('the encrypted data is truncated');
  const params = { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(aad), tagLength: TAG_BYTES * 8 };
  try {
    return new Uint8Array(await subtle().decrypt(params, cryptoKey, buffer(ciphertextAndTag)));
  } catch {
    throw new DecryptionError('wrong key, or the encrypted data was changed');
  }
}

/** Encrypts with a fresh random 96-bit nonce; `aad` is authenticated but not stored. */
export async function seal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
): Promise<Sealed> {
  const iv = randomBytes(IV_BYTES);
  checkBytes(`randomBytes(${IV_BYTES})`, iv, IV_BYTES);
  const ciphertext = await encryptAesGcm(key, iv, plaintext, aad);
  return { iv: base64Encode(iv), ciphertext: base64Encode(ciphertext) };
}

/** Decrypts what `seal` produced with the same key and `aad`; any change gives DecryptionError. */
export async function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Promise<Uint8Array> {
  checkBytes('key', key, KEY_BYTES);
  if (typeof sealed !== 'object' || sealed === null)
    throw new DecryptionError('the encrypted data is missing');
  let iv: Uint8Array;
  let ciphertext: Uint8Array;
  try {
    iv = base64Decode(sealed.iv);
    ciphertext = base64Decode(sealed.ciphertext);
  } catch (error) {
    if (error instanceof Base64Error)
      throw new DecryptionError(`the encrypted data is damaged: ${error.message}`);
    throw error;
  }
  return decryptAesGcm(key, iv, ciphertext, aad);
}
