import { scryptAsync } from '@noble/hashes/scrypt.js';
import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';

/** scrypt parameters stored next to whatever they protect, so they can be raised later (RFC 7914 §2). */
export interface KdfParams {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  dkLen: 32;
  /** base64 */
  salt: string;
}

/** Parameters that cannot be used: a damaged or hostile file, or a programming error. */
export class KdfParamsError extends Error {
  override readonly name = 'KdfParamsError';
}

/**
 * Defaults for new vaults, password changes and backups: N=2^17, r=8, p=1 (128 MiB), OWASP's scrypt
 * floor. Files and vaults store their own parameters, so those made at N=2^15 by earlier releases
 * still open; vaults are re-wrapped at these on their next unlock.
 */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export const SALT_BYTES = 16;

// Upper bounds so a file cannot make the extension allocate or compute without limit:
// memory is 128·N·r bytes (RFC 7914 §5), time grows with N·r·p.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const MAX_WORK = 2 ** 22; // N·r·p, 4 times the default 2^20
const MAX_SALT_BYTES = 64;

export function newKdfParams(randomBytes: (n: number) => Uint8Array): KdfParams {
  const salt = randomBytes(SALT_BYTES);
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new TypeError(`newKdfParams: randomBytes(${SALT_BYTES}) must return ${SALT_BYTES} bytes`);
  }
  return { algorithm: 'scrypt', ...DEFAULT_SCRYPT, dkLen: 32, salt: base64Encode(salt) };
}

function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

function checkInteger(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new KdfParamsError(`scrypt parameter ${name} must be an integer from ${min} to ${max}`);
  }
}

/** Checks untrusted parameters (for example read from a file) and returns the decoded salt. */
export function validateKdfParams(params: unknown): { N: number; r: number; p: number; salt: Uint8Array } {
  if (typeof params !== 'object' || params === null)
    throw new KdfParamsError('key derivation parameters are missing');
  const { algorithm, N, r, p, dkLen, salt } = params as Record<string, unknown>;
  if (algorithm !== 'scrypt')
    throw new KdfParamsError(`unsupported key derivation algorithm: ${String(algorithm)}`);
  if (typeof N !== 'number' || !isPowerOfTwo(N) || N > MAX_N) {
    throw new KdfParamsError(`scrypt parameter N must be a power of two from 2 to ${MAX_N}`);
  }
  checkInteger('r', r, 1, MAX_R);
  checkInteger('p', p, 1, MAX_P);
  const rn = r as number;
  const pn = p as number;
  if (128 * N * rn > MAX_MEMORY_BYTES) {
    throw new KdfParamsError(`scrypt parameters need ${(128 * N * rn) / 2 ** 20} MiB; the limit is 256 MiB`);
  }
  if (N * rn * pn > MAX_WORK)
    throw new KdfParamsError('scrypt parameters N·r·p exceed the supported work limit');
  if (dkLen !== 32) throw new KdfParamsError('scrypt key length (dkLen) must be 32');
  if (typeof salt !== 'string') throw new KdfParamsError('scrypt salt must be a base64 string');
  let saltBytes: Uint8Array;
  try {
    saltBytes = base64Decode(salt);
  } catch (error) {
    throw new KdfParamsError(`scrypt salt is not valid base64: ${(error as Error).message}`);
  }
  if (saltBytes.length > MAX_SALT_BYTES)
    throw new KdfParamsError(`scrypt salt is longer than ${MAX_SALT_BYTES} bytes`);
  return { N, r: rn, p: pn, salt: saltBytes };
}

/**
 * Derives a 32-byte key from raw password bytes. For foreign formats that hash the UTF-8 bytes as typed;
 * the product's own files use `deriveKey`, which normalises first.
 */
export async function deriveKeyFromBytes(password: Uint8Array, params: KdfParams): Promise<Uint8Array> {
  const { N, r, p, salt } = validateKdfParams(params);
  return scryptAsync(password, salt, { N, r, p, dkLen: 32, maxmem: MAX_MEMORY_BYTES + 128 * r * p + 4096 });
}

/**
 * Derives a 32-byte key from a password. The password is NFKC-normalised (as RFC 8265 does for
 * passwords) so the same characters typed on another keyboard or system give the same key.
 */
export async function deriveKey(password: string, params: KdfParams): Promise<Uint8Array> {
  if (typeof password !== 'string') throw new TypeError('deriveKey: password must be a string');
  const bytes = new TextEncoder().encode(password.normalize('NFKC'));
  try {
    return await deriveKeyFromBytes(bytes, params);
  } finally {
    bytes.fill(0);
  }
}
