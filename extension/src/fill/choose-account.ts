import type { VaultAccount } from '../accounts/account.ts';
import { displayOrder } from '../accounts/list.ts';
import { accountsForSite } from './site.ts';

/**
 * Which account the shortcut or the context menu fills on a page: the one account linked to its
 * site. With several, or none, the user chooses in the popup (which lists the site's accounts
 * first). HOTP accounts are never filled without the popup: each code shown moves their counter.
 */
export type SiteChoice =
  | { kind: 'one'; account: VaultAccount }
  | { kind: 'several'; accounts: VaultAccount[] }
  | { kind: 'none' };

export function chooseForSite(accounts: readonly VaultAccount[], url: string | undefined): SiteChoice {
  const linked = accountsForSite(displayOrder(accounts), url);
  const [only] = linked;
  if (linked.length === 1 && only && only.type !== 'hotp') return { kind: 'one', account: only };
  return linked.length === 0 ? { kind: 'none' } : { kind: 'several', accounts: linked };
}
