import { Base64Error, base64Decode } from '../../../../shared/internal/base64.ts';
import { argon2idOffThread } from '../../crypto/argon2id-off-thread.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError, NewerVersionError, WrongPasswordError } from '../errors.ts';
import type { ImportResult } from '../import-result.ts';
import { utf8 } from '../password-crypto.ts';
import { isRecord } from './entry-fields.ts';
import { parseUriLines } from './uri-lines.ts';

/**
 * Ente Auth's encrypted export, version 1: `{ version, kdfParams: { memLimit, opsLimit, salt },
 * encryptedData, encryptionNonce }`, all binary fields in standard base64. The key is libsodium's
 * `crypto_pwhash` of the password's UTF-8 bytes: Argon2id v1.3, one lane, memLimit bytes (as
 * KiB, rounded down), opsLimit passes, 32 bytes. The data is the plain-text export (one otpauth
 * URI a line) sealed as a single FINAL chunk of libsodium's XChaCha20-Poly1305 secret stream,
 * whose 24-byte header is `encryptionNonce`. Argon2id comes from hash-wasm (as for this
 * extension's own files), in a worker the caller can stop: the libsodium build in use has the
 * secret stream but not pwhash.
 */

const SALT_BYTES = 16; // crypto_pwhash_SALTBYTES
const HEADER_BYTES = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
const TAG_BYTES = 17; // crypto_secretstream_xchacha20poly1305_ABYTES: tag byte and MAC
const MIN_MEM_LIMIT = 8192; // crypto_pwhash_MEMLIMIT_MIN
/**
 * Ente starts at libsodium's SENSITIVE limits (1 GiB, 4 passes) and, where a device cannot spare
 * the memory, halves memory and doubles passes, keeping their product. Beyond that, a file would
 * only make the browser allocate or compute without end.
 */
const MAX_MEM_LIMIT = 1024 * 1024 * 1024;
const MAX_WORK = MAX_MEM_LIMIT * 4;

/** `damaged`: what to say when the field is missing or not base64. */
function decoded(value: unknown, damaged: string): Uint8Array {
  try {
    if (typeof value !== 'string' || value === '') throw new Base64Error('missing');
    return base64Decode(value);
  } catch (error) {
    if (error instanceof Base64Error) throw new CorruptFileError(damaged);
    throw error;
  }
}

function integer(value: unknown, damaged: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new CorruptFileError(damaged);
  return value;
}

interface EnteFile {
  memLimit: number;
  opsLimit: number;
  salt: Uint8Array;
  header: Uint8Array;
  sealed: Uint8Array;
}

function checked(document: Record<string, unknown>): EnteFile {
  const { version, kdfParams } = document;
  if (typeof version === 'number' && Number.isInteger(version) && version > 1)
    throw new NewerVersionError(t('enteNewerVersion', String(version)));
  if (version !== 1) throw new CorruptFileError(t('enteVersionDamaged'));
  if (!isRecord(kdfParams)) throw new CorruptFileError(t('enteNoKeyParameters'));
  const memLimit = integer(kdfParams.memLimit, t('enteMemoryLimitNotWhole'));
  const opsLimit = integer(kdfParams.opsLimit, t('entePassesNotWhole'));
  if (memLimit < MIN_MEM_LIMIT) throw new CorruptFileError(t('enteMemoryLimitDamaged'));
  if (memLimit > MAX_MEM_LIMIT) throw new CorruptFileError(t('enteTooMuchMemory'));
  if (memLimit * opsLimit > MAX_WORK) throw new CorruptFileError(t('enteTooMuchWork'));
  const salt = decoded(kdfParams.salt, t('enteSaltDamaged'));
  if (salt.length !== SALT_BYTES) throw new CorruptFileError(t('enteSaltDamaged'));
  const header = decoded(document.encryptionNonce, t('enteNonceDamaged'));
  if (header.length !== HEADER_BYTES) throw new CorruptFileError(t('enteNonceDamaged'));
  const sealed = decoded(document.encryptedData, t('enteSealedDamaged'));
  if (sealed.length < TAG_BYTES) throw new CorruptFileError(t('enteSealedTooShort'));
  return { memLimit, opsLimit, salt, header, sealed };
}

function key(password: string, file: EnteFile, signal?: AbortSignal): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(password);
  // hash-wasm refuses an empty password; Ente never exports with one (it asks for 4 characters).
  if (bytes.length === 0) throw new WrongPasswordError(t('wrongPasswordEnte'));
  const job = {
    password: bytes,
    salt: file.salt,
    memorySize: Math.floor(file.memLimit / 1024),
    iterations: file.opsLimit,
    parallelism: 1,
    hashLength: 32,
  };
  return argon2idOffThread(job, signal);
}

/** The sealed text, or null when the key does not open it (a wrong password, or altered data). */
async function open(
  key: Uint8Array,
  file: EnteFile,
): Promise<{ message: Uint8Array; final: boolean } | null> {
  // Loaded when needed: the WebAssembly build is only for this format.
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(file.header, key);
  const chunk = sodium.crypto_secretstream_xchacha20poly1305_pull(state, file.sealed, null);
  if (chunk === false) return null;
  return {
    message: chunk.message,
    final: chunk.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  };
}

/** `signal` stops the key derivation (seconds at Ente's 1 GiB); the promise then rejects with its reason. */
export async function parseEncryptedEnte(
  document: Record<string, unknown>,
  password: string,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const file = checked(document);
  const derived = await key(password, file, signal);
  let opened: Awaited<ReturnType<typeof open>>;
  try {
    opened = await open(derived, file);
  } finally {
    derived.fill(0);
  }
  if (opened === null) {
    throw new WrongPasswordError(t('wrongPasswordEnteOrChanged'));
  }
  const text = utf8(opened.message);
  opened.message.fill(0);
  if (!opened.final) throw new CorruptFileError(t('enteIncomplete'));
  if (text === null) throw new CorruptFileError(t('enteDecryptedNotText'));
  return { ...parseUriLines(text), format: 'ente-auth-encrypted' };
}
