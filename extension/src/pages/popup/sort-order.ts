import { displayName, type VaultAccount } from '../../accounts/account.ts';
import type { KeyValueArea } from '../../platform/storage-area.ts';

/** How the popup lists the accounts: the user's own order (Move up/down) or by name. */
export type SortOrder = 'manual' | 'name';

export const SORT_ORDER_KEY = 'popupSortOrder';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The list in the chosen order; pinned accounts stay first either way (displayOrder keeps that). */
export function sortAccounts(list: readonly VaultAccount[], order: SortOrder): VaultAccount[] {
  if (order === 'manual') return [...list];
  return [...list].sort((a, b) => byName.compare(displayName(a), displayName(b)));
}

/** The stored choice; anything else stored there (or nothing) is the manual order. */
export async function loadSortOrder(area: KeyValueArea): Promise<SortOrder> {
  const stored = (await area.get(SORT_ORDER_KEY))[SORT_ORDER_KEY];
  return stored === 'name' ? 'name' : 'manual';
}

export function saveSortOrder(area: KeyValueArea, order: SortOrder): Promise<void> {
  return area.set({ [SORT_ORDER_KEY]: order });
}
