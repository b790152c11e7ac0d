import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Base64Error, base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { DecryptionError, open, seal } from '../crypto/aead.ts';
import { deriveKey, type KdfParams, KdfParamsError, newKdfParams, validateKdfParams } from '../crypto/kdf.ts';
import { t } from '../i18n/t.ts';
import { type BackupAccount, fromStoredAccount, toStoredAccount } from './backup-account.ts';
import { CorruptFileError, NewerVersionError, NotABackupError, WrongPasswordError } from './errors.ts';
import { localDate } from './file-date.ts';

/**
 * The encrypted backup file, `authenticator-backup-YYYY-MM-DD.json`:
 *
 *   { format: "authenticator-backup", version: 2, createdAt, kdf: KdfParams, check, iv, ciphertext }
 *
 * The password key K comes from kdf: Argon2id in version 2, scrypt in the version 1 files earlier
 * releases made (still restored). HKDF-SHA256 (RFC 5869) expands K into the AES-256-GCM key and a
 * 16-byte password check value. The check tells a wrong password apart from a damaged file without
 * making guessing any cheaper (it still costs one derivation). Every header field is the associated
 * data of the encryption, and unknown fields are refused, so nothing in the document can change
 * without the restore failing.
 */
export const BACKUP_FORMAT = 'authenticator-backup';
export const BACKUP_VERSION = 2;

const HEADER_FIELDS = ['format', 'version', 'createdAt', 'kdf', 'check', 'iv', 'ciphertext'];
/** Each version's key derivation, its fields in the fixed order the associated data uses. */
const KDF_BY_VERSION = {
  1: { algorithm: 'scrypt', fields: ['algorithm', 'N', 'r', 'p', 'dkLen', 'salt'] },
  2: {
    algorithm: 'argon2id',
    fields: ['algorithm', 'memoryKiB', 'iterations', 'parallelism', 'dkLen', 'salt'],
  },
} as const;
type BackupVersion = keyof typeof KDF_BY_VERSION;
const CHECK_BYTES = 16;
const utf8 = new TextEncoder();

export interface BackupOptions {
  now: Date;
  randomBytes: (n: number) => Uint8Array;
  /** Key derivation parameters; new random Argon2id ones (crypto/kdf.ts defaults) by default. */
  kdf?: KdfParams;
}

export interface BackupFile {
  fileName: string;
  text: string;
}

export interface RestoredBackup {
  /** ISO 8601 time the backup was made. */
  createdAt: string;
  accounts: BackupAccount[];
}

interface Header {
  format: string;
  version: BackupVersion;
  createdAt: string;
  kdf: KdfParams;
  check: string;
}

/** `authenticator-backup-YYYY-MM-DD.json`, with the user's local date. */
export function backupFileName(now: Date): string {
  return `${BACKUP_FORMAT}-${localDate(now)}.json`;
}

/** A fixed-order serialisation, so the same header always gives the same associated data. */
function associatedData(header: Header): Uint8Array {
  const kdf = header.kdf as unknown as Record<string, unknown>;
  const kdfValues = KDF_BY_VERSION[header.version].fields.map((field) => kdf[field]);
  return utf8.encode(
    JSON.stringify([header.format, header.version, header.createdAt, ...kdfValues, header.check]),
  );
}

async function backupKeys(password: string, kdf: KdfParams): Promise<{ key: Uint8Array; check: Uint8Array }> {
  const root = await deriveKey(password, kdf);
  try {
    return {
      key: hkdf(sha256, root, undefined, utf8.encode(`${BACKUP_FORMAT} v1 encryption key`), 32),
      check: hkdf(sha256, root, undefined, utf8.encode(`${BACKUP_FORMAT} v1 password check`), CHECK_BYTES),
    };
  } finally {
    root.fill(0);
  }
}

/** Encrypts the accounts into a backup document. Accounts keep their order and pinned flag. */
export async function createBackup(
  accounts: readonly BackupAccount[],
  password: string,
  options: BackupOptions,
): Promise<BackupFile> {
  if (typeof password !== 'string' || password.length === 0) {
    throw new RangeError('A backup needs a password; the plain-text export is the unencrypted alternative.');
  }
  const kdf = options.kdf ?? newKdfParams(options.randomBytes);
  validateKdfParams(kdf);
  const version: BackupVersion = kdf.algorithm === 'scrypt' ? 1 : 2;
  const kdfFields = kdf as unknown as Record<string, unknown>;
  const payload = utf8.encode(JSON.stringify({ accounts: accounts.map(toStoredAccount) }));
  const { key, check } = await backupKeys(password, kdf);
  try {
    const header: Header = {
      format: BACKUP_FORMAT,
      version,
      createdAt: options.now.toISOString(),
      // Exactly the version's fields, so what is written is what the associated data covers.
      kdf: Object.fromEntries(
        KDF_BY_VERSION[version].fields.map((field) => [field, kdfFields[field]]),
      ) as unknown as KdfParams,
      check: base64Encode(check),
    };
    const sealed = await seal(key, payload, associatedData(header), options.randomBytes);
    return {
      fileName: backupFileName(options.now),
      text: `${JSON.stringify({ ...header, ...sealed }, null, 2)}\n`,
    };
  } finally {
    key.fill(0);
    payload.fill(0);
  }
}

function hasExactly(value: Record<string, unknown>, fields: string[]): boolean {
  const keys = Object.keys(value);
  return keys.length === fields.length && fields.every((field) => keys.includes(field));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for any document that claims to be a backup, whatever its version or state. */
export function isBackupDocument(json: unknown): json is Record<string, unknown> {
  return isObject(json) && json.format === BACKUP_FORMAT;
}

function readHeader(document: Record<string, unknown>): Header & { iv: string; ciphertext: string } {
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CorruptFileError(t('backupNoVersion'));
  }
  if (version > BACKUP_VERSION) {
    throw new NewerVersionError(t('backupNewerVersion', String(version)));
  }
  const expectedKdf = KDF_BY_VERSION[version as BackupVersion];
  if (
    !hasExactly(document, HEADER_FIELDS) ||
    !isObject(document.kdf) ||
    !hasExactly(document.kdf, [...expectedKdf.fields]) ||
    document.kdf.algorithm !== expectedKdf.algorithm
  ) {
    throw new CorruptFileError(t('backupUnexpectedFields'));
  }
  const { createdAt, check, iv, ciphertext } = document;
  if (
    typeof createdAt !== 'string' ||
    typeof check !== 'string' ||
    typeof iv !== 'string' ||
    typeof ciphertext !== 'string'
  ) {
    throw new CorruptFileError(t('backupFieldWrongType'));
  }
  try {
    validateKdfParams(document.kdf);
  } catch (error) {
    if (error instanceof KdfParamsError) throw new CorruptFileError(t('backupDamagedDetail', error.message));
    throw error;
  }
  return {
    format: BACKUP_FORMAT,
    version: version as BackupVersion,
    createdAt,
    kdf: document.kdf as unknown as KdfParams,
    check,
    iv,
    ciphertext,
  };
}

/** Restores from a parsed backup document; see `readBackup`. */
export async function readBackupDocument(
  document: Record<string, unknown>,
  password: string,
): Promise<RestoredBackup> {
  if (!isBackupDocument(document)) throw new NotABackupError(t('backupNotOurs'));
  const header = readHeader(document);
  let storedCheck: Uint8Array;
  try {
    storedCheck = base64Decode(header.check);
  } catch (error) {
    if (error instanceof Base64Error) throw new CorruptFileError(t('backupCheckDamaged'));
    throw error;
  }
  if (storedCheck.length !== CHECK_BYTES) throw new CorruptFileError(t('backupCheckDamaged'));
  // Backups are always made with a password, so an empty one is simply wrong (and Argon2id's
  // implementation refuses to derive from nothing).
  if (typeof password !== 'string' || password === '') {
    throw new WrongPasswordError(t('wrongPasswordBackup'));
  }
  const { key, check } = await backupKeys(password, header.kdf);
  let plaintext: Uint8Array;
  try {
    if (!constantTimeEqual(check, storedCheck)) {
      throw new WrongPasswordError(t('wrongPasswordBackup'));
    }
    plaintext = await open(key, { iv: header.iv, ciphertext: header.ciphertext }, associatedData(header));
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new CorruptFileError(t('backupDamagedAfterPassword'));
    }
    throw error;
  } finally {
    key.fill(0);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new CorruptFileError(t('backupDecryptedNotAccounts'));
  } finally {
    plaintext.fill(0);
  }
  if (!isObject(payload) || !Array.isArray(payload.accounts)) {
    throw new CorruptFileError(t('backupNoAccountList'));
  }
  return { createdAt: header.createdAt, accounts: payload.accounts.map(fromStoredAccount) };
}

/**
 * Reads a backup file. Throws NotABackupError, CorruptFileError (truncated, damaged or edited),
 * NewerVersionError or WrongPasswordError; on any of them nothing should be changed.
 */
export async function readBackup(text: string, password: string): Promise<RestoredBackup> {
  let document: unknown;
  try {
    // Editors that add a byte order mark on save should not make a backup unreadable.
    document = JSON.parse(typeof text === 'string' ? text.replace(/^\uFEFF/, '') : text);
  } catch {
    // A backup is one JSON object: text that starts like one but does not parse was cut short or damaged.
    if (typeof text === 'string' && text.trimStart().startsWith('{')) {
      throw new CorruptFileError(t('backupNotWholeJsonNothingRestored'));
    }
    throw new NotABackupError(t('backupNotOurs'));
  }
  if (!isBackupDocument(document)) {
    throw new NotABackupError(t('backupNotOursUseImport'));
  }
  return readBackupDocument(document, password);
}
