import { useEffect, useRef } from 'preact/hooks';
import type { VaultAccount } from '../../../accounts/account.ts';
import { filterAccounts } from '../../../accounts/list.ts';
import { siteFirst } from '../../../fill/choose-account.ts';
import { sameSite } from '../../../fill/site.ts';
import { t } from '../../../i18n/t.ts';
import { focusSearchOnSlash, moveFocusWithArrows } from '../list-keys.ts';
import { type SortOrder, sortAccounts } from '../sort-order.ts';
import { AccountRow } from './AccountRow.tsx';

export interface AccountListProps {
  accounts: readonly VaultAccount[];
  nowMs: number;
  query: string;
  copiedId: string | null;
  revealedHotp: Readonly<Record<string, string>>;
  onQuery(query: string): void;
  onCopy(account: VaultAccount, code: string): void;
  /** The page the popup is on: its site's accounts come first. */
  pageUrl?: string | undefined;
  /** Fills a code into that page; absent when there is no page to fill. */
  onFill?: ((account: VaultAccount, code: string) => void) | undefined;
  onNextHotp(account: VaultAccount): void;
  onEdit(account: VaultAccount): void;
  sortOrder: SortOrder;
  onSortOrder(order: SortOrder): void;
}

export function AccountList(props: AccountListProps) {
  const { accounts, nowMs, query, copiedId, revealedHotp } = props;
  const shown = filterAccounts(siteFirst(sortAccounts(accounts, props.sortOrder), props.pageUrl), query);
  const { onFill } = props;
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (section.current && focusSearchOnSlash(event, section.current)) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section
      aria-label={t('accounts')}
      ref={section}
      onKeyDown={(event) => {
        if (section.current && moveFocusWithArrows(event, section.current)) event.preventDefault();
      }}
    >
      {accounts.length > 0 && (
        <div class="list-controls">
          <input
            type="search"
            class="search"
            placeholder={t('search')}
            aria-label={t('searchAccounts')}
            aria-keyshortcuts="/"
            value={query}
            onInput={(e) => props.onQuery((e.currentTarget as HTMLInputElement).value)}
          />
          <select
            aria-label={t('sort')}
            value={props.sortOrder}
            onChange={(e) => props.onSortOrder((e.currentTarget as HTMLSelectElement).value as SortOrder)}
          >
            <option value="manual">{t('sortManual')}</option>
            <option value="name">{t('sortByName')}</option>
          </select>
        </div>
      )}
      {accounts.length === 0 && <p class="empty">{t('noAccountsYet')}</p>}
      {accounts.length > 0 && shown.length === 0 && <p class="empty">{t('noAccountMatches', query)}</p>}
      <ul class="accounts">
        {shown.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            nowMs={nowMs}
            copied={copiedId === account.id}
            revealedHotp={revealedHotp[account.id]}
            onCopy={(code) => props.onCopy(account, code)}
            forThisSite={sameSite(account.site, props.pageUrl)}
            onFill={onFill && ((code) => onFill(account, code))}
            onNextHotp={() => props.onNextHotp(account)}
            onEdit={() => props.onEdit(account)}
          />
        ))}
      </ul>
    </section>
  );
}
