import type { VaultAccount } from '../accounts/account.ts';
import { displayOrder } from '../accounts/list.ts';

/** Whether an account's site is the site of the page the popup works on. */
export type OnPageSite = (accountSite: string | undefined) => boolean;

/** For a popup on no web page: no account belongs to it. */
export const noPageSite: OnPageSite = () => false;

/** The list as the popup shows it on a page: that site's accounts first, each group in display order. */
export function siteFirst(accounts: readonly VaultAccount[], onPageSite: OnPageSite): VaultAccount[] {
  const ordered = displayOrder(accounts);
  const linked = new Set(ordered.filter((account) => onPageSite(account.site)));
  return [...ordered.filter((a) => linked.has(a)), ...ordered.filter((a) => !linked.has(a))];
}
