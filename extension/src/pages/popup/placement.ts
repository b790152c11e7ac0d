import type { VaultAccount } from '../../accounts/account.ts';
import { displayOrder } from '../../accounts/list.ts';

/**
 * Where the edit screen puts an account (pinned or not, its place in the user's order) before Save:
 * a draft the screen changes freely, applied to the vault's list only when the edit is saved.
 */
export interface Placement {
  pinned: boolean;
  /** Every account's id, in the order the list shows them. */
  order: readonly string[];
}

export function placementOf(accounts: readonly VaultAccount[], id: string): Placement {
  const account = accounts.find((a) => a.id === id);
  return { pinned: account?.pinned === true, order: displayOrder(accounts).map((a) => a.id) };
}

/**
 * The list with the account pinned or not and in the drafted order. Accounts that came into the
 * vault after the draft was made (another popup) keep their places after the drafted ones.
 */
export function applyPlacement(
  accounts: readonly VaultAccount[],
  id: string,
  placement: Placement,
): VaultAccount[] {
  const rank = (account: VaultAccount) => {
    const at = placement.order.indexOf(account.id);
    return at === -1 ? placement.order.length : at;
  };
  const placed = accounts.map((a) => (a.id === id ? { ...a, pinned: placement.pinned } : a));
  return displayOrder([...placed].sort((a, b) => rank(a) - rank(b)));
}
