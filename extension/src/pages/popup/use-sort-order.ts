import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser.ts';
import { loadSortOrder, type SortOrder, saveSortOrder } from './sort-order.ts';

/**
 * The list's sort order, remembered in storage.local so the next popup opens the same way. It is
 * only a preference: if the storage cannot be read or written the codes still show, in the order
 * the user has on screen now.
 */
export function useSortOrder(): [SortOrder, (order: SortOrder) => void] {
  const [order, setOrder] = useState<SortOrder>('manual');
  useEffect(() => {
    loadSortOrder(browser.storage.local).then(setOrder, () => {});
  }, []);
  const choose = (next: SortOrder) => {
    setOrder(next);
    saveSortOrder(browser.storage.local, next).catch(() => {});
  };
  return [order, choose];
}
