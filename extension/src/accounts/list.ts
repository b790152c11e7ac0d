import type { OtpAccount } from '../../../shared/index.ts';
import { type VaultAccount, withId } from './account.ts';
import { findReEnrolled, findSameAccount } from './identity.ts';

/**
 * Pure operations on the account list. Each returns a new list (the vault saves it whole); none of
 * them mutates its input, so a failed save leaves the popup's list as it was.
 */

/** What to do when a scanned or typed account is already in the vault. */
export type DuplicateChoice = 'replace' | 'keep-both';

/**
 * The account a scanned or typed one would duplicate: the same account (identity.ts), or else the
 * account a re-enrolment replaces (same issuer and name, new secret).
 */
export function findDuplicate(
  list: readonly VaultAccount[],
  candidate: OtpAccount,
): VaultAccount | undefined {
  return findSameAccount(list, candidate) ?? findReEnrolled(list, candidate);
}

export function addAccounts(
  list: readonly VaultAccount[],
  incoming: readonly OtpAccount[],
  choice: DuplicateChoice,
  randomBytes: (n: number) => Uint8Array,
): VaultAccount[] {
  const next = [...list];
  for (const account of incoming) {
    const duplicate = choice === 'replace' ? findDuplicate(next, account) : undefined;
    if (duplicate) {
      next[next.indexOf(duplicate)] = { ...account, id: duplicate.id, pinned: duplicate.pinned };
    } else {
      next.push(withId(account, randomBytes));
    }
  }
  return next;
}

export type AccountChanges = Partial<Omit<VaultAccount, 'id'>>;

export function updateAccount(
  list: readonly VaultAccount[],
  id: string,
  changes: AccountChanges,
): VaultAccount[] {
  return list.map((account) => (account.id === id ? { ...account, ...changes, id } : account));
}

export function removeAccount(list: readonly VaultAccount[], id: string): VaultAccount[] {
  return list.filter((account) => account.id !== id);
}

export function togglePin(list: readonly VaultAccount[], id: string): VaultAccount[] {
  return list.map((account) => (account.id === id ? { ...account, pinned: !account.pinned } : account));
}

/** Pinned accounts first; otherwise the user's order. */
export function displayOrder(list: readonly VaultAccount[]): VaultAccount[] {
  return [...list.filter((a) => a.pinned), ...list.filter((a) => !a.pinned)];
}

/**
 * Moves an account one place up (-1) or down (+1) as the user sees the list, staying within its
 * group (pinned or not). The stored list is rewritten in display order.
 */
export function moveAccount(list: readonly VaultAccount[], id: string, direction: -1 | 1): VaultAccount[] {
  const ordered = displayOrder(list);
  const from = ordered.findIndex((a) => a.id === id);
  const to = from + direction;
  const moving = ordered[from];
  const other = ordered[to];
  if (!moving || !other || other.pinned !== moving.pinned) return ordered;
  ordered[from] = other;
  ordered[to] = moving;
  return ordered;
}

/** Where a dragged account is dropped: just above or just below another row. */
export type DropSide = 'before' | 'after';

/**
 * Moves an account next to another (a drag and drop), in display order. Pinned accounts stay in
 * the pinned group: dropped beside an account of the other group, it goes to its own group's edge
 * nearest that drop (the top of the others, or the bottom of the pinned). Only the moved account
 * changes place; the stored list is rewritten in display order.
 */
export function moveNextTo(
  list: readonly VaultAccount[],
  id: string,
  targetId: string,
  side: DropSide,
): VaultAccount[] {
  const ordered = displayOrder(list);
  const moving = ordered.find((a) => a.id === id);
  const target = ordered.find((a) => a.id === targetId);
  if (!moving || !target || moving === target) return ordered;
  const rest = ordered.filter((a) => a !== moving);
  // Across groups it goes to the border between them, which is where the pinned ones end.
  const border = rest.filter((a) => a.pinned).length;
  const at = target.pinned === moving.pinned ? rest.indexOf(target) + (side === 'after' ? 1 : 0) : border;
  rest.splice(at, 0, moving);
  return rest;
}

export function filterAccounts(list: readonly VaultAccount[], query: string): VaultAccount[] {
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return [...list];
  return list.filter((a) => `${a.issuer} ${a.account}`.toLocaleLowerCase().includes(needle));
}
