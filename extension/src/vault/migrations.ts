import { base32Decode } from '../../../shared/index.ts';
import { withId } from '../accounts/account.ts';
import { DecryptionError, open, seal } from '../crypto/aead.ts';
import { VaultCorruptError } from './errors.ts';
import {
  type AnyVaultRecord,
  aad,
  CURRENT_VERSION,
  type VaultRecord,
  type VaultRecordV1,
  type VaultRecordV2,
} from './format.ts';
import { decodePayload, encodePayload } from './payload.ts';

/** What a migration may use: the unlocked keys, never the password itself. */
export interface MigrationKeys {
  vaultKey: Uint8Array;
  /** The password-derived key that wraps `vaultKey`; null for a vault kept without a password. */
  wrappingKey: Uint8Array | null;
  randomBytes: (n: number) => Uint8Array;
}

interface EntryV1 {
  type: 'totp' | 'hotp';
  secret: string;
  issuer: string;
  label: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  counter: number;
}

function isEntryV1(value: unknown): value is EntryV1 {
  const e = value as Partial<EntryV1> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    (e.type === 'totp' || e.type === 'hotp') &&
    typeof e.secret === 'string' &&
    typeof e.issuer === 'string' &&
    typeof e.label === 'string' &&
    (e.algorithm === 'SHA1' || e.algorithm === 'SHA256' || e.algorithm === 'SHA512') &&
    Number.isInteger(e.digits) &&
    Number.isInteger(e.period) &&
    Number.isSafeInteger(e.counter)
  );
}

/** Format 1 → 2: accounts get ids and a pin flag, `label` becomes `account`, and the envelope gains a revision. */
async function fromV1(record: VaultRecordV1, keys: MigrationKeys): Promise<VaultRecordV2> {
  if (!keys.wrappingKey) throw new VaultCorruptError('a format 1 vault always has a password');
  const plain = await open(keys.vaultKey, record.data, aad.accounts(1));
  let entries: unknown;
  try {
    entries = (JSON.parse(new TextDecoder().decode(plain)) as { entries?: unknown }).entries;
  } catch {
    throw new VaultCorruptError('the format 1 account list is not readable');
  }
  if (!Array.isArray(entries) || !entries.every(isEntryV1)) {
    throw new VaultCorruptError('the format 1 account list has an invalid entry');
  }
  const accounts = entries.map(({ label, secret, ...rest }) =>
    withId({ ...rest, account: label, secret: base32Decode(secret) }, keys.randomBytes),
  );
  return {
    version: 2,
    revision: 0,
    protection: {
      mode: 'password',
      kdf: record.kdf,
      wrappedKey: await seal(keys.wrappingKey, keys.vaultKey, aad.key(2), keys.randomBytes),
    },
    accounts: await seal(keys.vaultKey, encodePayload(accounts), aad.accounts(2), keys.randomBytes),
  };
}

/**
 * Format 2 → 3: the account list gains added-at times (unknown, 0, for accounts already there) and
 * the time of the last backup (none yet), so the popup can remind about accounts not in a backup.
 * Both ciphertexts are re-sealed because the format version is part of their associated data.
 */
async function fromV2(record: VaultRecordV2, keys: MigrationKeys): Promise<VaultRecord> {
  let plain: Uint8Array;
  try {
    plain = await open(keys.vaultKey, record.accounts, aad.accounts(2));
  } catch (error) {
    if (error instanceof DecryptionError)
      throw new VaultCorruptError('the format 2 accounts fail their integrity check');
    throw error;
  }
  const { accounts } = decodePayload(plain, 2);
  let protection = record.protection;
  if (protection.mode === 'password') {
    if (!keys.wrappingKey) throw new VaultCorruptError('the password key is needed to upgrade this vault');
    protection = {
      ...protection,
      wrappedKey: await seal(keys.wrappingKey, keys.vaultKey, aad.key(3), keys.randomBytes),
    };
  }
  return {
    version: 3,
    revision: record.revision,
    protection,
    accounts: await seal(keys.vaultKey, encodePayload(accounts, null), aad.accounts(3), keys.randomBytes),
  };
}

/** Brings a record of any supported format to the current one; the caller stores the result atomically. */
export async function migrateToCurrent(record: AnyVaultRecord, keys: MigrationKeys): Promise<VaultRecord> {
  let current: AnyVaultRecord = record;
  while (current.version !== CURRENT_VERSION) {
    if (current.version === 1) current = await fromV1(current, keys);
    else if (current.version === 2) current = await fromV2(current, keys);
  }
  return current;
}
