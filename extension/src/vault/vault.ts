import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import type { VaultAccount } from '../accounts/account.ts';
import { DecryptionError, open, type Sealed, seal } from '../crypto/aead.ts';
import { deriveKey, type KdfParams, newKdfParams, weakerThanDefault } from '../crypto/kdf.ts';
import type { KeyValueArea } from '../platform/storage-area.ts';
import { VaultConflictError, VaultCorruptError, VaultExistsError, VaultMissingError } from './errors.ts';
import {
  type AnyVaultRecord,
  aad,
  CURRENT_VERSION,
  type NoProtection,
  type Protection,
  parseRecord,
  STORAGE_KEY,
  type VaultRecord,
} from './format.ts';
import { migrateToCurrent } from './migrations.ts';
import { decodePayload, encodePayload } from './payload.ts';

export interface VaultDeps {
  /** `storage.local` in the extension. */
  area: KeyValueArea;
  randomBytes: (n: number) => Uint8Array;
  /** The clock that stamps when accounts are added; the device clock when omitted. */
  now?: () => number;
  /**
   * Runs one read-check-write of the record with no other window's in between (Web Locks in the
   * extension: the popup and the transfer tab share them). Without it the steps run as they come.
   */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

export type UnlockResult = { ok: true; key: Uint8Array } | { ok: false; reason: 'wrong-password' };

const VAULT_KEY_BYTES = 32;

/** Every write reads the record again inside `exclusive`, so it never replaces another window's change. */
function alone<T>(deps: VaultDeps, task: () => Promise<T>): Promise<T> {
  return deps.exclusive ? deps.exclusive(task) : task();
}

export async function readRecord(area: KeyValueArea): Promise<AnyVaultRecord | null> {
  const stored = await area.get(STORAGE_KEY);
  return parseRecord(stored[STORAGE_KEY]);
}

async function requireRecord(area: KeyValueArea): Promise<AnyVaultRecord> {
  const record = await readRecord(area);
  if (!record) throw new VaultMissingError();
  return record;
}

/**
 * The only write: one `set` of one complete record under one key. The storage API applies a `set`
 * whole or not at all, and the record is fully sealed before the call, so an interrupted write
 * leaves the previous record in place, readable.
 */
async function writeRecord(area: KeyValueArea, record: VaultRecord): Promise<void> {
  await area.set({ [STORAGE_KEY]: record });
}

async function protect(
  deps: VaultDeps,
  vaultKey: Uint8Array,
  password: string | null,
  version = CURRENT_VERSION,
): Promise<Protection> {
  if (password === null) return { mode: 'none', key: base64Encode(vaultKey) };
  const kdf = newKdfParams(deps.randomBytes);
  const wrappingKey = await deriveKey(password, kdf);
  try {
    return {
      mode: 'password',
      kdf,
      wrappedKey: await seal(wrappingKey, vaultKey, aad.key(version), deps.randomBytes),
    };
  } finally {
    wrappingKey.fill(0);
  }
}

/** Which kind of vault exists, so the popup knows whether to ask for a password, offer setup, or open. */
export async function vaultMode(area: KeyValueArea): Promise<'password' | 'none' | 'absent'> {
  const record = await readRecord(area);
  if (!record) return 'absent';
  return record.version === 1 || record.protection.mode === 'password' ? 'password' : 'none';
}

/** First run: a random 256-bit vault key, an empty account list, and the chosen protection. */
export function createVault(deps: VaultDeps, password: string | null): Promise<Uint8Array> {
  return alone(deps, () => createNow(deps, password));
}

async function createNow(deps: VaultDeps, password: string | null): Promise<Uint8Array> {
  if (await readRecord(deps.area)) throw new VaultExistsError();
  const vaultKey = deps.randomBytes(VAULT_KEY_BYTES);
  await writeRecord(deps.area, {
    version: CURRENT_VERSION,
    revision: 0,
    protection: await protect(deps, vaultKey, password),
    accounts: await seal(vaultKey, encodePayload([], null), aad.accounts(CURRENT_VERSION), deps.randomBytes),
  });
  return vaultKey;
}

/**
 * A new install joining a vault synced from another computer: that vault's key protection (the
 * same password opens it) and its accounts, in one write, only where no vault exists yet.
 */
export function createFromSynced(
  deps: VaultDeps,
  vaultKey: Uint8Array,
  protection: Protection,
  accounts: readonly VaultAccount[],
): Promise<void> {
  return alone(deps, async () => {
    if (await readRecord(deps.area)) throw new VaultExistsError();
    await writeRecord(deps.area, {
      version: CURRENT_VERSION,
      revision: 0,
      protection,
      accounts: await seal(
        vaultKey,
        encodePayload(accounts, null),
        aad.accounts(CURRENT_VERSION),
        deps.randomBytes,
      ),
    });
  });
}

/** The password parameters and wrapped key, wherever the record's format keeps them. */
function passwordParts(record: AnyVaultRecord): { kdf: KdfParams; wrappedKey: Sealed } | null {
  if (record.version === 1) return record;
  return record.protection.mode === 'password' ? record.protection : null;
}

async function unwrap(
  wrappingKey: Uint8Array,
  wrappedKey: Sealed,
  version: number,
): Promise<Uint8Array | null> {
  try {
    const key = await open(wrappingKey, wrappedKey, aad.key(version));
    if (key.length !== VAULT_KEY_BYTES) throw new VaultCorruptError('the stored key has the wrong length');
    return key;
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  }
}

/**
 * Derives the password key and unwraps the vault key. A wrong password is an expected outcome and
 * changes nothing. An older format is migrated and stored in the same single write.
 */
export function unlock(deps: VaultDeps, password: string): Promise<UnlockResult> {
  return alone(deps, () => unlockNow(deps, password));
}

async function unlockNow(deps: VaultDeps, password: string): Promise<UnlockResult> {
  const record = await requireRecord(deps.area);
  const parts = passwordParts(record);
  if (!parts) {
    const key = keyFromNoProtection((record as { protection: NoProtection }).protection.key);
    if (record.version !== CURRENT_VERSION) {
      const keys = { vaultKey: key, wrappingKey: null, randomBytes: deps.randomBytes };
      await writeRecord(deps.area, await migrateToCurrent(record, keys));
    }
    return { ok: true, key };
  }
  const wrappingKey = await deriveKey(password, parts.kdf);
  try {
    const key = await unwrap(wrappingKey, parts.wrappedKey, record.version);
    if (!key) return { ok: false, reason: 'wrong-password' };
    let current =
      record.version === CURRENT_VERSION
        ? record
        : await migrateToCurrent(record, { vaultKey: key, wrappingKey, randomBytes: deps.randomBytes });
    // Vaults made with scrypt or lower costs than today's defaults are strengthened now.
    if (weakerThanDefault(parts.kdf)) {
      // The password is at hand only now: re-wrap under today's parameters (accounts untouched).
      current = { ...current, protection: await protect(deps, key, password) };
    }
    if (current !== record) await writeRecord(deps.area, current);
    return { ok: true, key };
  } finally {
    wrappingKey.fill(0);
  }
}

function keyFromNoProtection(text: string): Uint8Array {
  let key: Uint8Array;
  try {
    key = base64Decode(text);
  } catch {
    throw new VaultCorruptError('the stored key is not readable');
  }
  if (key.length !== VAULT_KEY_BYTES) throw new VaultCorruptError('the stored key has the wrong length');
  return key;
}

/** For a vault the user chose to keep without a password: its key, or `null` when a password is needed. */
export async function keyWithoutPassword(area: KeyValueArea): Promise<Uint8Array | null> {
  const record = await requireRecord(area);
  if (record.version !== CURRENT_VERSION || record.protection.mode !== 'none') return null;
  return keyFromNoProtection(record.protection.key);
}

async function requireCurrent(area: KeyValueArea): Promise<VaultRecord> {
  const record = await requireRecord(area);
  // Older formats are migrated on unlock, which always comes before any read with a key.
  if (record.version !== CURRENT_VERSION) throw new VaultCorruptError('the vault was not migrated on unlock');
  return record;
}

export interface AccountsSnapshot {
  /** Every account has its `addedAt` time (0 when unknown). */
  accounts: VaultAccount[];
  /** When the last backup file was made (ms since 1970), or null when there has been none. */
  lastBackupAt: number | null;
  /** Pass back to `saveAccounts` so a stale window cannot overwrite newer changes. */
  revision: number;
}

export async function loadAccounts(area: KeyValueArea, vaultKey: Uint8Array): Promise<AccountsSnapshot> {
  return openAccounts(await requireCurrent(area), vaultKey);
}

/** Decrypts the accounts of a record already read (the popup reads the record once when it opens). */
export async function openAccounts(record: VaultRecord, vaultKey: Uint8Array): Promise<AccountsSnapshot> {
  let plain: Uint8Array;
  try {
    plain = await open(vaultKey, record.accounts, aad.accounts(CURRENT_VERSION));
  } catch (error) {
    if (error instanceof DecryptionError)
      throw new VaultCorruptError('the accounts fail their integrity check');
    throw error;
  }
  return { ...decodePayload(plain, CURRENT_VERSION), revision: record.revision };
}

/**
 * Seals the whole new list, then replaces the record in one write, and returns what was stored.
 * Accounts without an added-at time are stamped with the current time; the time of the last
 * backup is kept unless `changes.lastBackupAt` gives a new one.
 */
export function saveAccounts(
  deps: VaultDeps,
  vaultKey: Uint8Array,
  accounts: readonly VaultAccount[],
  expectedRevision: number,
  changes: { lastBackupAt?: number } = {},
): Promise<AccountsSnapshot> {
  return alone(deps, async () => {
    const record = await requireCurrent(deps.area);
    if (record.revision !== expectedRevision) throw new VaultConflictError();
    // Opening the current list first proves the key belongs to this vault before anything is replaced.
    const current = await openAccounts(record, vaultKey);
    const now = (deps.now ?? Date.now)();
    const stamped = accounts.map((account) =>
      account.addedAt === undefined ? { ...account, addedAt: now } : account,
    );
    const lastBackupAt = changes.lastBackupAt ?? current.lastBackupAt;
    const sealed = await seal(
      vaultKey,
      encodePayload(stamped, lastBackupAt),
      aad.accounts(CURRENT_VERSION),
      deps.randomBytes,
    );
    const revision = record.revision + 1;
    await writeRecord(deps.area, { ...record, revision, accounts: sealed });
    return { accounts: stamped, lastBackupAt, revision };
  });
}

/**
 * Sets, changes or removes the password by re-wrapping the vault key; the sealed accounts are kept
 * byte for byte, so the revision (of the account list) stays, and a window that saved accounts
 * meanwhile neither loses them nor meets a conflict. The current password is checked first when
 * there is one.
 */
export function changePassword(
  deps: VaultDeps,
  currentPassword: string | null,
  newPassword: string | null,
): Promise<UnlockResult> {
  return alone(deps, async () => {
    let key: Uint8Array;
    const before = await requireCurrent(deps.area);
    if (before.protection.mode === 'none') {
      key = keyFromNoProtection(before.protection.key);
    } else {
      const unlocked = await unlockNow(deps, currentPassword ?? '');
      if (!unlocked.ok) return unlocked;
      key = unlocked.key;
    }
    const protection = await protect(deps, key, newPassword);
    // Read again: the unlock may have strengthened the record, and without a lock a save may have landed.
    await writeRecord(deps.area, { ...(await requireCurrent(deps.area)), protection });
    return { ok: true, key };
  });
}
