import type { OtpAccount } from '../../../shared/index.ts';

/** An account as the vault keeps it: the shared OTP fields plus what the list needs. */
export interface VaultAccount extends OtpAccount {
  /** Stable identity for edit/delete/reorder; random, never derived from the secret. */
  id: string;
  /** Pinned accounts are listed first, in their own order. */
  pinned: boolean;
  /** When it was added (ms since 1970), stamped by the vault on save; 0 when unknown. */
  addedAt?: number;
  /** The web origin it was scanned on or first filled into (https://login.example.com), if any. */
  site?: string;
  /** The site's favicon read at scan time, a small PNG data: URL (site-icon.ts); else the letter avatar. */
  icon?: string;
}

export function newAccountId(randomBytes: (n: number) => Uint8Array): string {
  return Array.from(randomBytes(8), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function withId(
  account: OtpAccount,
  randomBytes: (n: number) => Uint8Array,
  pinned = false,
): VaultAccount {
  return { ...account, id: newAccountId(randomBytes), pinned };
}

/** The name shown to the user: "Issuer (account)" or just the account. */
export function displayName(account: Pick<OtpAccount, 'issuer' | 'account'>): string {
  return account.issuer ? `${account.issuer} (${account.account})` : account.account;
}
