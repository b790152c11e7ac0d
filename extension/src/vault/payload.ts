import { base32Decode, base32Encode } from '../../../shared/index.ts';
import type { VaultAccount } from '../accounts/account.ts';
import { checkIcon } from '../accounts/site-icon.ts';
import { webOrigin } from '../fill/web-origin.ts';
import { VaultCorruptError } from './errors.ts';

/**
 * The decrypted account list: JSON with secrets in base32. Format 3 adds `addedAt` to each account
 * and `lastBackupAt` to the list, which the backup reminder compares; format 2 has neither. An
 * account's `site` (the origin it belongs to) is optional in either format: lists written before it
 * existed read as accounts without a site, and a reader that does not know it ignores it.
 */
interface StoredAccount {
  id: string;
  type: 'totp' | 'hotp' | 'steam';
  secret: string;
  issuer: string;
  account: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  counter: number;
  pinned: boolean;
  /** Milliseconds since 1970; 0 when unknown (accounts older than format 3). */
  addedAt: number;
  site?: string;
  /** Optional too; one that is not a small PNG (site-icon.ts) is dropped, so the account still opens. */
  icon?: string;
}

export interface Payload {
  accounts: VaultAccount[];
  /** When the last backup file was made (ms since 1970), or null when there has been none. */
  lastBackupAt: number | null;
}

export function encodePayload(
  accounts: readonly VaultAccount[],
  lastBackupAt: number | null = null,
): Uint8Array {
  const stored: StoredAccount[] = accounts.map((a) => ({
    id: a.id,
    type: a.type,
    secret: base32Encode(a.secret),
    issuer: a.issuer,
    account: a.account,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    pinned: a.pinned,
    addedAt: a.addedAt ?? 0,
    ...(a.site !== undefined && { site: a.site }),
    ...(a.icon !== undefined && { icon: a.icon }),
  }));
  return new TextEncoder().encode(JSON.stringify({ accounts: stored, lastBackupAt }));
}

function fail(index: number, field: string): never {
  throw new VaultCorruptError(`account ${index + 1} has an invalid ${field}`);
}

function isTime(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function decodeAccount(value: unknown, index: number, version: 2 | 3): VaultAccount {
  if (typeof value !== 'object' || value === null) fail(index, 'entry');
  const a = value as Record<string, unknown>;
  if (typeof a.id !== 'string' || a.id === '') fail(index, 'id');
  if (a.type !== 'totp' && a.type !== 'hotp' && a.type !== 'steam') fail(index, 'type');
  if (typeof a.secret !== 'string') fail(index, 'secret');
  if (typeof a.issuer !== 'string') fail(index, 'issuer');
  if (typeof a.account !== 'string') fail(index, 'account name');
  if (a.algorithm !== 'SHA1' && a.algorithm !== 'SHA256' && a.algorithm !== 'SHA512')
    fail(index, 'algorithm');
  if (!Number.isInteger(a.digits)) fail(index, 'digits');
  if (!Number.isInteger(a.period)) fail(index, 'period');
  if (!Number.isSafeInteger(a.counter)) fail(index, 'counter');
  if (version === 3 && !isTime(a.addedAt)) fail(index, 'time added');
  if (a.site !== undefined && (typeof a.site !== 'string' || webOrigin(a.site) !== a.site))
    fail(index, 'site');
  const icon = checkIcon(a.icon);
  let secret: Uint8Array;
  try {
    secret = base32Decode(a.secret);
  } catch {
    fail(index, 'secret');
  }
  return {
    id: a.id,
    type: a.type,
    secret,
    issuer: a.issuer,
    account: a.account,
    algorithm: a.algorithm,
    digits: a.digits as number,
    period: a.period as number,
    counter: a.counter as number,
    pinned: a.pinned === true,
    addedAt: version === 3 ? (a.addedAt as number) : 0,
    ...(typeof a.site === 'string' && { site: a.site }),
    ...(icon !== undefined && { icon }),
  };
}

/** Reads the payload of a format 2 or 3 record; format 2 lists read with unknown added-at times. */
export function decodePayload(bytes: Uint8Array, version: 2 | 3): Payload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new VaultCorruptError('the account list is not readable');
  }
  const { accounts, lastBackupAt } = (parsed ?? {}) as { accounts?: unknown; lastBackupAt?: unknown };
  if (!Array.isArray(accounts)) throw new VaultCorruptError('the account list is missing');
  if (version === 3 && lastBackupAt !== null && !isTime(lastBackupAt)) {
    throw new VaultCorruptError('the time of the last backup is invalid');
  }
  return {
    accounts: accounts.map((value, index) => decodeAccount(value, index, version)),
    lastBackupAt: version === 3 ? (lastBackupAt as number | null) : null,
  };
}
