import { base32Decode, base32Encode } from '../../../shared/index.ts';
import type { VaultAccount } from '../accounts/account.ts';
import { VaultCorruptError } from './errors.ts';

/** The decrypted account list, format 2: JSON with secrets in base32. */
interface StoredAccountV2 {
  id: string;
  type: 'totp' | 'hotp';
  secret: string;
  issuer: string;
  account: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
  counter: number;
  pinned: boolean;
}

export function encodePayload(accounts: readonly VaultAccount[]): Uint8Array {
  const stored: StoredAccountV2[] = accounts.map((a) => ({
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
  }));
  return new TextEncoder().encode(JSON.stringify({ accounts: stored }));
}

function fail(index: number, field: string): never {
  throw new VaultCorruptError(`account ${index + 1} has an invalid ${field}`);
}

function decodeAccount(value: unknown, index: number): VaultAccount {
  if (typeof value !== 'object' || value === null) fail(index, 'entry');
  const a = value as Record<string, unknown>;
  if (typeof a.id !== 'string' || a.id === '') fail(index, 'id');
  if (a.type !== 'totp' && a.type !== 'hotp') fail(index, 'type');
  if (typeof a.secret !== 'string') fail(index, 'secret');
  if (typeof a.issuer !== 'string') fail(index, 'issuer');
  if (typeof a.account !== 'string') fail(index, 'account name');
  if (a.algorithm !== 'SHA1' && a.algorithm !== 'SHA256' && a.algorithm !== 'SHA512')
    fail(index, 'algorithm');
  if (!Number.isInteger(a.digits)) fail(index, 'digits');
  if (!Number.isInteger(a.period)) fail(index, 'period');
  if (!Number.isSafeInteger(a.counter)) fail(index, 'counter');
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
  };
}

export function decodePayload(bytes: Uint8Array): VaultAccount[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new VaultCorruptError('the account list is not readable');
  }
  const list = (parsed as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(list)) throw new VaultCorruptError('the account list is missing');
  return list.map(decodeAccount);
}
