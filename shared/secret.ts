import { OtpError } from './errors.ts';

/** RFC 4226 §4 requires at least 128 bits and recommends 160; 20 bytes matches SHA-1's output. */
export const DEFAULT_SECRET_BYTES = 20;

/**
 * Makes a new shared secret from the caller's cryptographic random source
 * (`crypto.getRandomValues` wrapped, or `node:crypto` randomBytes).
 */
export function generateSecret(
  randomBytes: (count: number) => Uint8Array,
  bytes = DEFAULT_SECRET_BYTES,
): Uint8Array {
  if (!Number.isInteger(bytes) || bytes < 16 || bytes > 64) {
    throw new OtpError('INVALID_ARGUMENT', `A secret must be 16 to 64 bytes long, not ${String(bytes)}.`);
  }
  const secret = randomBytes(bytes);
  if (!(secret instanceof Uint8Array) || secret.length !== bytes) {
    throw new OtpError('INVALID_ARGUMENT', `The random source returned something other than ${bytes} bytes.`);
  }
  return secret;
}
