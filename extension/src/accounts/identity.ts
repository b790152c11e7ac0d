import type { OtpAccount } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';

/**
 * When two accounts are the same account, for every path that adds accounts: a scan or a typed
 * account, a restore, an import, and the entries within one file.
 *
 * The rule: **two entries that always show the same codes are the same account**, whatever their
 * labels say: the same secret bytes with the same type, algorithm, digits and (for TOTP) period.
 * - The issuer and name are free text that the user, another app or an export format may change
 *   (a rename, "Google" against "google.com"), so the same secret under another label is that
 *   account renamed; merging the two loses nothing.
 * - A different secret under the same label is not the same account: it is a re-enrolment (only the
 *   site knows which secret is live) or a second account with the same label (several "AWS" entries
 *   without a name). The same secret with other code settings shows other codes. Both are kept in
 *   either case, because merging would throw away the one that works.
 * - An HOTP counter is progress, not identity: a copy with another counter is the same account.
 * Secrets are compared as bytes, so `JBSWY3DP` and `jbsw y3dp` are one secret.
 *
 * A QR code scanned now is the only case where a label says more: the site has just issued a new
 * secret, so an account with that issuer and name is probably the one it replaces, and the popup
 * offers to replace it (`findReEnrolled`). A file may be older than the vault, so restores and
 * imports never take a label for identity: that would bring a retired secret back.
 */

type Identity = Pick<OtpAccount, 'secret' | 'type' | 'algorithm' | 'digits' | 'period'>;

/** An incoming account that is already present, by its position in each list. */
export interface Duplicate {
  incomingIndex: number;
  existingIndex: number;
}

function identityKey({ type, algorithm, digits, period, secret }: Identity): string {
  return `${type}/${algorithm}/${digits}/${type === 'totp' ? period : ''}/${base64Encode(secret)}`;
}

/** True when the two are the same account: they show the same codes. */
export function sameAccount(a: Identity, b: Identity): boolean {
  return identityKey(a) === identityKey(b);
}

/**
 * Incoming accounts that are already in `existing`, each matched to the first existing one.
 * Linear in both lists, so a hostile file of thousands of entries stays quick.
 */
export function findDuplicates(existing: readonly Identity[], incoming: readonly Identity[]): Duplicate[] {
  const firstIndex = new Map<string, number>();
  existing.forEach((account, index) => {
    const key = identityKey(account);
    if (!firstIndex.has(key)) firstIndex.set(key, index);
  });
  const duplicates: Duplicate[] = [];
  incoming.forEach((account, incomingIndex) => {
    const existingIndex = firstIndex.get(identityKey(account));
    if (existingIndex !== undefined) duplicates.push({ incomingIndex, existingIndex });
  });
  return duplicates;
}

/** The account in `list` that `candidate` is the same as, if any. */
export function findSameAccount<T extends Identity>(list: readonly T[], candidate: Identity): T | undefined {
  const [duplicate] = findDuplicates(list, [candidate]);
  return duplicate === undefined ? undefined : list[duplicate.existingIndex];
}

function labelKey(account: Pick<OtpAccount, 'issuer' | 'account'>): string {
  const norm = (text: string) => text.normalize('NFC').trim().toLocaleLowerCase();
  return JSON.stringify([norm(account.issuer), norm(account.account)]);
}

/** An account with the scanned account's issuer and name (case aside): what a re-enrolment replaces. */
export function findReEnrolled<T extends Identity & Pick<OtpAccount, 'issuer' | 'account'>>(
  list: readonly T[],
  scanned: Pick<OtpAccount, 'issuer' | 'account'>,
): T | undefined {
  const key = labelKey(scanned);
  return list.find((existing) => labelKey(existing) === key);
}

/** Remembers the accounts seen so far, to keep the first of each within one file or one set of files. */
export class SeenAccounts<T extends Identity = Identity> {
  private readonly firsts = new Map<string, T>();

  /** True the first time an account is seen; false for the same account again. */
  add(account: T): boolean {
    return this.addOrFind(account) === undefined;
  }

  /** Remembers the account and returns undefined the first time; the account seen first otherwise. */
  addOrFind(account: T): T | undefined {
    const key = identityKey(account);
    const first = this.firsts.get(key);
    if (first !== undefined) return first;
    this.firsts.set(key, account);
    return undefined;
  }
}
