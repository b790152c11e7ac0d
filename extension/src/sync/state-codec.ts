import type { VaultAccount } from '../accounts/account.ts';
import { VaultCorruptError } from '../vault/errors.ts';
import { decodePayload, encodePayload } from '../vault/payload.ts';
import type { SyncEntry, SyncState } from './entries.ts';
import { SyncFormatError } from './errors.ts';

// The synced state reuses the vault's payload encoding for each account, so a synced account is
// checked field by field exactly as a stored one is.

type StoredAccount = Readonly<Record<string, unknown>>;
const encoder = new TextEncoder();

/** Accounts as the payload stores them, in its fixed field order (so equal accounts are equal text). */
export function toStored(accounts: readonly VaultAccount[]): StoredAccount[] {
  const { accounts: stored } = JSON.parse(new TextDecoder().decode(encodePayload(accounts))) as {
    accounts: StoredAccount[];
  };
  return stored;
}

/** Throws VaultCorruptError naming the first invalid field. */
export function fromStored(stored: readonly StoredAccount[]): VaultAccount[] {
  return decodePayload(encoder.encode(JSON.stringify({ accounts: stored, lastBackupAt: null })), 3).accounts;
}

export function encodeState(state: SyncState): Uint8Array {
  return encoder.encode(JSON.stringify({ format: 1, entries: state }));
}

function checkEntry(value: unknown, index: number): SyncEntry {
  const e = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const where = `entry ${index + 1}`;
  if (typeof e.id !== 'string' || e.id === '') throw new SyncFormatError(`${where} has no id`);
  if (!Number.isSafeInteger(e.rev) || (e.rev as number) < 0)
    throw new SyncFormatError(`${where} has an invalid revision`);
  if (typeof e.by !== 'string') throw new SyncFormatError(`${where} has no computer id`);
  if (e.account === null) return { id: e.id, rev: e.rev as number, by: e.by, account: null };
  let account: StoredAccount;
  try {
    [account] = toStored(fromStored([e.account as StoredAccount])) as [StoredAccount];
  } catch (error) {
    if (error instanceof VaultCorruptError) throw new SyncFormatError(`${where}: ${error.detail}`);
    throw error;
  }
  if (account.id !== e.id) throw new SyncFormatError(`${where} names another account`);
  return { id: e.id, rev: e.rev as number, by: e.by, account };
}

/** Reads what `encodeState` wrote; any other shape is a SyncFormatError. */
export function decodeState(bytes: Uint8Array): SyncEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new SyncFormatError('the account list is not readable');
  }
  const { format, entries } = (parsed ?? {}) as { format?: unknown; entries?: unknown };
  if (format !== 1) throw new SyncFormatError('unknown format');
  if (!Array.isArray(entries)) throw new SyncFormatError('the account list is missing');
  const state = entries.map(checkEntry);
  if (new Set(state.map((entry) => entry.id)).size !== state.length)
    throw new SyncFormatError('an account is listed twice');
  return state;
}
