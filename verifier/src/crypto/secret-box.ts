import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedSecret {
  keyId: string;
  box: string;
}

/** Thrown when a stored secret cannot be opened: unknown key id or tampered ciphertext. */
export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** Short, non-secret identifier of a key so each sealed value names the key that opens it. */
export function keyIdOf(key: Uint8Array): string {
  return createHash('sha256').update('verifier-key-id').update(key).digest('hex').slice(0, 16);
}

/**
 * AES-256-GCM with several keys: the first seals, any opens (key rotation). The context string is
 * authenticated data, so a sealed secret copied onto another user's row does not open.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(keys: readonly Uint8Array[]) {
    const first = keys[0];
    if (!first) throw new SecretBoxError('At least one master key is needed.');
    for (const key of keys) {
      if (key.length !== 32) throw new SecretBoxError('A master key must be exactly 32 bytes (256 bits).');
      this.keys.set(keyIdOf(key), Buffer.from(key));
    }
    this.currentKeyId = keyIdOf(first);
  }

  hasKey(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  seal(plain: Uint8Array, context: string): SealedSecret {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const box = Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
    return { keyId: this.currentKeyId, box };
  }

  open(sealed: SealedSecret, context: string): Uint8Array {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretBoxError(`No master key with id ${sealed.keyId} is configured.`);
    const raw = Buffer.from(sealed.box, 'base64');
    if (raw.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError('Sealed secret is truncated.');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      const body = raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES);
      return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch {
      throw new SecretBoxError('Sealed secret failed authentication (wrong key or tampered data).');
    }
  }

  /**
   * A key for another purpose (e.g. the keyed hash of e-mailed codes), derived from the current master
   * key with HKDF-SHA256 so it never sits in the database and differs per purpose.
   */
  deriveKey(purpose: string): Uint8Array {
    const key = this.keys.get(this.currentKeyId) as Buffer;
    return new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `verifier:${purpose}`, 32));
  }
}
