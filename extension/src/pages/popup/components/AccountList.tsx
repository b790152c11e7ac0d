import { useEffect, useRef, useState } from 'preact/hooks';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { type DropSide, filterAccounts, moveNextTo } from '../../../accounts/list.ts';
import { noPageSite, type OnPageSite, siteFirst } from '../../../fill/site-first.ts';
import { t } from '../../../i18n/t.ts';
import { focusSearchOnSlash, moveFocusWithArrows } from '../list-keys.ts';
import { type SortOrder, sortAccounts } from '../sort-order.ts';
import { useRowDrag } from '../use-row-drag.ts';
import { AccountRow, HANDLE_HINT_ID } from './AccountRow.tsx';

export interface AccountListProps {
  accounts: readonly VaultAccount[];
  nowMs: number;
  query: string;
  copiedId: string | null;
  revealedHotp: Readonly<Record<string, string>>;
  onQuery(query: string): void;
  onCopy(account: VaultAccount, code: string): void;
  /** Whether an account belongs to the site of the page the popup is on: those come first. */
  onPageSite?: OnPageSite | undefined;
  /** Fills a code into that page; absent when there is no page to fill. */
  onFill?: ((account: VaultAccount, code: string) => void) | undefined;
  onNextHotp(account: VaultAccount): void;
  onEdit(account: VaultAccount): void;
  sortOrder: SortOrder;
  onSortOrder(order: SortOrder): void;
  /** Saves the account's new place in the user's order (drag and drop, or Alt+arrows). */
  onReorder?(id: string, targetId: string, side: DropSide): void;
}

/** More than a popup's height of rows: the ones a user sees when it opens. */
const FIRST_ROWS = 24;

/** The group a row is in on screen; the order never crosses from one to another. */
const groupOf = (account: VaultAccount, forThisSite: boolean) =>
  `${forThisSite ? 'site-' : ''}${account.pinned ? 'pinned' : 'other'}`;

export function AccountList(props: AccountListProps) {
  const { accounts, nowMs, query, copiedId, revealedHotp } = props;
  const onPageSite = props.onPageSite ?? noPageSite;
  const shown = filterAccounts(siteFirst(sortAccounts(accounts, props.sortOrder), onPageSite), query);
  const { onFill } = props;
  // A long list is drawn a screenful first and whole a frame later, so the codes the user sees
  // when the popup opens never wait for the rows far below them.
  const [whole, setWhole] = useState(false);
  useEffect(() => setWhole(true), []);
  const rows = whole ? shown : shown.slice(0, FIRST_ROWS);
  const section = useRef<HTMLElement>(null);
  const [announced, setAnnounced] = useState('');
  const { onReorder } = props;
  // The order means something only as the user's own order, every account listed.
  const reorderable = onReorder !== undefined && props.sortOrder === 'manual' && query.trim() === '';
  const drag = useRowDrag(section, (id, drop) => {
    const account = accounts.find((a) => a.id === id);
    if (!account || !onReorder) return;
    const next = drop ? moveNextTo(accounts, id, drop.targetId, drop.side) : accounts;
    const place = siteFirst(next, onPageSite).findIndex((a) => a.id === id) + 1;
    setAnnounced(t('accountPosition', displayName(account), place, accounts.length));
    if (drop) onReorder(id, drop.targetId, drop.side);
  });
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
      {reorderable && shown.length > 1 && (
        <p id={HANDLE_HINT_ID} class="visually-hidden">
          {t('reorderHint')}
        </p>
      )}
      {onReorder && (
        <p class="visually-hidden" role="status">
          {announced}
        </p>
      )}
      <ul class="accounts">
        {rows.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            nowMs={nowMs}
            copied={copiedId === account.id}
            revealedHotp={revealedHotp[account.id]}
            onCopy={(code) => props.onCopy(account, code)}
            forThisSite={onPageSite(account.site)}
            group={groupOf(account, onPageSite(account.site))}
            handle={reorderable && shown.length > 1 ? drag.handleEvents(account.id) : undefined}
            drag={
              drag.dragging?.id === account.id
                ? 'dragged'
                : drag.dragging?.drop?.targetId === account.id
                  ? drag.dragging.drop.side
                  : undefined
            }
            onFill={onFill && ((code) => onFill(account, code))}
            onNextHotp={() => props.onNextHotp(account)}
            onEdit={() => props.onEdit(account)}
          />
        ))}
      </ul>
    </section>
  );
}
