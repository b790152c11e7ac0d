import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { EMAIL_CODE_DIGITS } from './code-record.ts';
import { EmailCodeArgumentError } from './errors.ts';

/** Source of cryptographically secure random bytes, injected so tests can replay exact sequences. */
export type RandomBytes = (length: number) => Uint8Array;

/** What the code rules need from the outside world, besides the time. */
export interface EmailCodeSecrets {
  /** Server-side HMAC key, at least 32 bytes; kept outside the database. */
  readonly serverKey: Uint8Array;
  readonly randomBytes: RandomBytes;
}

const CODE_SPACE = 10 ** EMAIL_CODE_DIGITS;
const UINT32_RANGE = 2 ** 32;
// Largest multiple of CODE_SPACE below 2^32: draws at or above it are rejected so every code is equally likely.
const UNBIASED_LIMIT = UINT32_RANGE - (UINT32_RANGE % CODE_SPACE);
// A working generator rejects a draw with probability ~2e-4; this many in a row means it is broken.
const MAX_DRAWS = 32;
const MIN_KEY_BYTES = 32;
const SALT_BYTES = 16;

export function assertSecrets(secrets: EmailCodeSecrets): void {
  if (!(secrets.serverKey instanceof Uint8Array) || secrets.serverKey.length < MIN_KEY_BYTES) {
    throw new EmailCodeArgumentError(`serverKey must be at least ${MIN_KEY_BYTES} random bytes.`);
  }
  if (typeof secrets.randomBytes !== 'function') {
    throw new EmailCodeArgumentError('randomBytes must be a function returning random bytes.');
  }
}

function draw(randomBytes: RandomBytes, length: number): Uint8Array {
  const bytes = randomBytes(length);
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new EmailCodeArgumentError(`randomBytes(${length}) must return exactly ${length} bytes.`);
  }
  return bytes;
}

/** A uniformly random 6-digit code, leading zeros kept, by rejection sampling (no modulo bias). */
export function generateCode(randomBytes: RandomBytes): string {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const bytes = draw(randomBytes, 4);
    const value = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
    if (value < UNBIASED_LIMIT) {
      return String(value % CODE_SPACE).padStart(EMAIL_CODE_DIGITS, '0');
    }
  }
  throw new EmailCodeArgumentError('randomBytes keeps returning out-of-range values; is it really random?');
}

export function generateSalt(randomBytes: RandomBytes): string {
  return Buffer.from(draw(randomBytes, SALT_BYTES)).toString('hex');
}

function keyedHash(serverKey: Uint8Array, salt: string, code: string): Buffer {
  return createHmac('sha256', serverKey).update(Buffer.from(salt, 'hex')).update(code, 'utf8').digest();
}

export function hashCode(serverKey: Uint8Array, salt: string, code: string): string {
  return keyedHash(serverKey, salt, code).toString('hex');
}

/** Constant-time comparison of a candidate code with the stored hash. */
export function codeMatches(
  serverKey: Uint8Array,
  salt: string,
  codeHash: string,
  candidate: string,
): boolean {
  if (!/^[0-9a-f]{64}$/.test(codeHash)) {
    throw new EmailCodeArgumentError('The stored code hash is not 64 hex characters; the record is corrupt.');
  }
  return constantTimeEqual(keyedHash(serverKey, salt, candidate), Buffer.from(codeHash, 'hex'));
}
