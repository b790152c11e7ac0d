import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';

/*
 * Password key derivation. Parameters are stored next to whatever they protect, so they can be
 * raised later. New vaults, password changes and backups use Argon2id (RFC 9106) through
 * hash-wasm's WebAssembly build: at 64 MiB and 3 passes it is memory-hard beyond OWASP's floor
 * (19 MiB, 2 passes) and unlocks several times faster than scrypt at OWASP's scrypt floor
 * (N=2^17), which pure JavaScript needs seconds for. scrypt (RFC 7914) stays for the vaults and
 * backups earlier releases made (re-wrapped at Argon2id on the next unlock) and for Aegis files.
 */

export interface ScryptParams {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  dkLen: 32;
  /** base64 */
  salt: string;
}

export interface Argon2idParams {
  algorithm: 'argon2id';
  /** Memory in KiB (RFC 9106 m). */
  memoryKiB: number;
  /** Passes over the memory (RFC 9106 t). */
  iterations: number;
  /** Lanes (RFC 9106 p). */
  parallelism: number;
  dkLen: 32;
  /** base64 */
  salt: string;
}

export type KdfParams = ScryptParams | Argon2idParams;

/** Parameters that cannot be used: a damaged or hostile file, or a programming error. */
export class KdfParamsError extends Error {
  override readonly name = 'KdfParamsError';
}

export const DEFAULT_ARGON2ID = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const SALT_BYTES = 16;

// Upper bounds so a file cannot make the extension allocate or compute without limit.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const MAX_SCRYPT_N = 2 ** 20;
const MAX_SCRYPT_R = 32;
const MAX_SCRYPT_P = 16;
const MAX_SCRYPT_WORK = 2 ** 22; // N·r·p, 4 times 2^17·8
const MAX_ARGON2_ITERATIONS = 10;
const MAX_ARGON2_PARALLELISM = 4;
const MAX_ARGON2_WORK = 4 * DEFAULT_ARGON2ID.memoryKiB * DEFAULT_ARGON2ID.iterations; // KiB·passes
const MIN_SALT_BYTES = 8; // RFC 9106 §3.1; hash-wasm refuses shorter salts
const MAX_SALT_BYTES = 64;

export function newKdfParams(randomBytes: (n: number) => Uint8Array): Argon2idParams {
  const salt = randomBytes(SALT_BYTES);
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) {
    throw new TypeError(`newKdfParams: randomBytes(${SALT_BYTES}) must return ${SALT_BYTES} bytes`);
  }
  return { algorithm: 'argon2id', ...DEFAULT_ARGON2ID, dkLen: 32, salt: base64Encode(salt) };
}

/** True for parameters below today's defaults: the vault is re-wrapped at the next unlock. */
export function weakerThanDefault(kdf: KdfParams): boolean {
  if (kdf.algorithm === 'scrypt') return true;
  return kdf.memoryKiB < DEFAULT_ARGON2ID.memoryKiB || kdf.iterations < DEFAULT_ARGON2ID.iterations;
}

function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new KdfParamsError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkSalt(algorithm: string, salt: unknown): Uint8Array {
  if (typeof salt !== 'string') throw new KdfParamsError(`${algorithm} salt must be a base64 string`);
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(salt);
  } catch (error) {
    throw new KdfParamsError(`${algorithm} salt is not valid base64: ${(error as Error).message}`);
  }
  if (bytes.length > MAX_SALT_BYTES)
    throw new KdfParamsError(`${algorithm} salt is longer than ${MAX_SALT_BYTES} bytes`);
  return bytes;
}

function checkScrypt(fields: Record<string, unknown>): void {
  const { N } = fields;
  if (typeof N !== 'number' || !Number.isSafeInteger(N) || N < 2 || (N & (N - 1)) !== 0 || N > MAX_SCRYPT_N) {
    throw new KdfParamsError(`scrypt parameter N must be a power of two from 2 to ${MAX_SCRYPT_N}`);
  }
  const r = checkInteger('scrypt parameter r', fields.r, 1, MAX_SCRYPT_R);
  const p = checkInteger('scrypt parameter p', fields.p, 1, MAX_SCRYPT_P);
  if (128 * N * r > MAX_MEMORY_BYTES) {
    throw new KdfParamsError(`scrypt parameters need ${(128 * N * r) / 2 ** 20} MiB; the limit is 256 MiB`);
  }
  if (N * r * p > MAX_SCRYPT_WORK)
    throw new KdfParamsError('scrypt parameters N·r·p exceed the supported work limit');
}

function checkArgon2id(fields: Record<string, unknown>): void {
  const parallelism = checkInteger('Argon2id parallelism', fields.parallelism, 1, MAX_ARGON2_PARALLELISM);
  // RFC 9106 §3.1: at least 8 KiB per lane.
  const memory = checkInteger(
    'Argon2id memory (KiB)',
    fields.memoryKiB,
    8 * parallelism,
    MAX_MEMORY_BYTES / 1024,
  );
  const iterations = checkInteger('Argon2id iterations', fields.iterations, 1, MAX_ARGON2_ITERATIONS);
  if (memory * iterations > MAX_ARGON2_WORK) {
    throw new KdfParamsError('Argon2id memory × iterations exceed the supported work limit');
  }
}

/** Checks untrusted parameters (for example read from a file) and returns the decoded salt. */
export function validateKdfParams(params: unknown): { params: KdfParams; salt: Uint8Array } {
  if (typeof params !== 'object' || params === null)
    throw new KdfParamsError('key derivation parameters are missing');
  const fields = params as Record<string, unknown>;
  const { algorithm } = fields;
  if (algorithm === 'scrypt') checkScrypt(fields);
  else if (algorithm === 'argon2id') checkArgon2id(fields);
  else throw new KdfParamsError(`unsupported key derivation algorithm: ${String(algorithm)}`);
  if (fields.dkLen !== 32) throw new KdfParamsError(`${algorithm} key length (dkLen) must be 32`);
  const salt = checkSalt(algorithm, fields.salt);
  if (algorithm === 'argon2id' && salt.length < MIN_SALT_BYTES) {
    throw new KdfParamsError(`Argon2id salt must be at least ${MIN_SALT_BYTES} bytes`);
  }
  return { params: params as KdfParams, salt };
}

/**
 * Derives a 32-byte key from raw password bytes. For foreign formats that hash the UTF-8 bytes as
 * typed; the product's own files use `deriveKey`, which normalises first. The derivation code loads
 * on first use, so an unlocked popup shows its codes without parsing it; only pages derive keys from
 * passwords (the service worker, where import() is not allowed, works with keys already derived).
 */
export async function deriveKeyFromBytes(password: Uint8Array, untrusted: KdfParams): Promise<Uint8Array> {
  const { params, salt } = validateKdfParams(untrusted);
  if (params.algorithm === 'scrypt') {
    const { N, r, p } = params;
    const { scryptAsync } = await import('@noble/hashes/scrypt.js');
    return scryptAsync(password, salt, { N, r, p, dkLen: 32, maxmem: MAX_MEMORY_BYTES + 128 * r * p + 4096 });
  }
  if (password.length === 0) {
    // RFC 9106 allows it, hash-wasm does not; no product file is ever made without a password.
    throw new KdfParamsError('Argon2id needs a non-empty password');
  }
  const { argon2id } = await import('hash-wasm');
  return argon2id({
    password,
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
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
