import type { Sealed } from '../crypto/aead.ts';
import type { KdfParams } from '../crypto/kdf.ts';
import { VaultCorruptError, VaultVersionError } from './errors.ts';

/**
 * The vault as stored under one `storage.local` key. The accounts are sealed with a random vault key;
 * the vault key is either wrapped by a password-derived key or, by the user's explicit choice, stored
 * as is. Changing the password rewrites only `protection`.
 */
export const STORAGE_KEY = 'vault';
export const CURRENT_VERSION = 3;

export interface PasswordProtection {
  mode: 'password';
  kdf: KdfParams;
  /** The vault key sealed with the password-derived key. */
  wrappedKey: Sealed;
}

export interface NoProtection {
  mode: 'none';
  /** The vault key itself (base64): anyone with access to the profile can read the accounts. */
  key: string;
}

export type Protection = PasswordProtection | NoProtection;

/** Format 3 has the envelope of format 2; its sealed payload adds when each account was added and
 * when the last backup was made (see payload.ts). */
export interface VaultRecordV3 {
  version: 3;
  /** Incremented on every write, so a stale window cannot overwrite a newer vault. */
  revision: number;
  protection: Protection;
  accounts: Sealed;
}

/** Format 2: the envelope of format 3, whose sealed account list has no added-at or backup times. */
export interface VaultRecordV2 extends Omit<VaultRecordV3, 'version'> {
  version: 2;
}

/** Format 1: password only; the payload listed `entries` named by `label`, without ids or pins. */
export interface VaultRecordV1 {
  version: 1;
  kdf: KdfParams;
  wrappedKey: Sealed;
  data: Sealed;
}

export type AnyVaultRecord = VaultRecordV1 | VaultRecordV2 | VaultRecordV3;

/** The record this release writes. */
export type VaultRecord = VaultRecordV3;

// Associated data binds each ciphertext to its role and format version, so a wrapped key can never
// be decrypted as an account list (or the reverse) and an old ciphertext cannot pose as a new one.
const encoder = new TextEncoder();
export const aad = {
  key: (version: number) => encoder.encode(`two-factor-vault:v${version}:key`),
  accounts: (version: number) => encoder.encode(`two-factor-vault:v${version}:accounts`),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSealed(value: unknown, field: string): Sealed {
  if (!isObject(value) || typeof value.iv !== 'string' || typeof value.ciphertext !== 'string') {
    throw new VaultCorruptError(`${field} is missing or not encrypted data`);
  }
  return { iv: value.iv, ciphertext: value.ciphertext };
}

function checkKdf(value: unknown): KdfParams {
  if (
    !isObject(value) ||
    (value.algorithm !== 'scrypt' && value.algorithm !== 'argon2id') ||
    typeof value.salt !== 'string'
  ) {
    throw new VaultCorruptError('the password parameters are missing');
  }
  return value as unknown as KdfParams;
}

export function checkProtection(value: unknown): Protection {
  if (!isObject(value)) throw new VaultCorruptError('the key protection is missing');
  if (value.mode === 'password') {
    return {
      mode: 'password',
      kdf: checkKdf(value.kdf),
      wrappedKey: checkSealed(value.wrappedKey, 'the key'),
    };
  }
  if (value.mode === 'none' && typeof value.key === 'string') return { mode: 'none', key: value.key };
  throw new VaultCorruptError('the key protection has an unknown form');
}

/** Checks the shape of whatever is stored; `null` when there is no vault yet. */
export function parseRecord(stored: unknown): AnyVaultRecord | null {
  if (stored === undefined || stored === null) return null;
  if (!isObject(stored)) throw new VaultCorruptError('the stored value is not a vault');
  const { version } = stored;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new VaultCorruptError('the format version is missing');
  }
  if (version > CURRENT_VERSION) throw new VaultVersionError(version, CURRENT_VERSION);
  if (version === 1) {
    return {
      version: 1,
      kdf: checkKdf(stored.kdf),
      wrappedKey: checkSealed(stored.wrappedKey, 'the key'),
      data: checkSealed(stored.data, 'the accounts'),
    };
  }
  const { revision } = stored;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) {
    throw new VaultCorruptError('the revision is missing');
  }
  return {
    version: version as 2 | 3,
    revision,
    protection: checkProtection(stored.protection),
    accounts: checkSealed(stored.accounts, 'the accounts'),
  };
}
