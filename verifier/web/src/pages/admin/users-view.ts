import { SORT_KEYS, type SortKey, STATUSES } from '../../../../src/accounts/user-list-keys.ts';
import type { TwoFactorStatus } from '../../api/types.ts';

/** What the Users page shows, kept in its address so a view can be bookmarked, shared and reloaded. */
export interface UsersView {
  query: string;
  status?: TwoFactorStatus;
  groupId?: number;
  source?: 'local' | 'sso';
  noPassword: boolean;
  pendingDays?: number;
  sort: SortKey;
  order: 'asc' | 'desc';
  page: number;
}

export const DEFAULT_VIEW: UsersView = {
  query: '',
  noPassword: false,
  sort: 'username',
  order: 'asc',
  page: 1,
};

function whole(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d{1,10}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/**
 * Reads the view from an address's query. A parameter that is missing or not one the list knows
 * (a hand-edited or old bookmark) falls back to its default instead of failing the page.
 */
export function parseUsersView(search: URLSearchParams): UsersView {
  const status = search.get('status');
  const source = search.get('source');
  const sort = search.get('sort');
  const view: UsersView = {
    query: (search.get('query') ?? '').slice(0, 100),
    noPassword: search.get('noPassword') === 'true',
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : DEFAULT_VIEW.sort,
    order: search.get('order') === 'desc' ? 'desc' : 'asc',
    page: whole(search.get('page'), 1, 100_000) ?? 1,
  };
  if (STATUSES.includes(status as TwoFactorStatus)) view.status = status as TwoFactorStatus;
  if (source === 'local' || source === 'sso') view.source = source;
  const groupId = whole(search.get('groupId'), 1, 2_147_483_647);
  if (groupId !== undefined) view.groupId = groupId;
  const pendingDays = whole(search.get('pendingDays'), 0, 3650);
  if (pendingDays !== undefined) view.pendingDays = pendingDays;
  return view;
}

/** The view's non-default parameters, in a fixed order: the address and the API call use the same. */
export function usersViewParams(view: UsersView): Record<string, string> {
  const out: Record<string, string> = {};
  if (view.query.trim() !== '') out.query = view.query.trim();
  if (view.status) out.status = view.status;
  if (view.groupId !== undefined) out.groupId = String(view.groupId);
  if (view.source) out.source = view.source;
  if (view.noPassword) out.noPassword = 'true';
  if (view.pendingDays !== undefined) out.pendingDays = String(view.pendingDays);
  if (view.sort !== DEFAULT_VIEW.sort) out.sort = view.sort;
  if (view.order !== DEFAULT_VIEW.order) out.order = view.order;
  if (view.page !== 1) out.page = String(view.page);
  return out;
}

/** "/admin/users?status=Pending&sort=pendingSince" for a view. */
export function usersViewHref(view: UsersView): string {
  const query = new URLSearchParams(usersViewParams(view)).toString();
  return query === '' ? '/admin/users' : `/admin/users?${query}`;
}

/** The filter alone (no sort or page), as a bulk action on "every user that matches" sends it. */
export function filterOf(view: UsersView) {
  const query = view.query.trim();
  return {
    ...(query ? { query } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.groupId !== undefined ? { groupId: view.groupId } : {}),
    ...(view.source ? { source: view.source } : {}),
    ...(view.noPassword ? { noPassword: true } : {}),
    ...(view.pendingDays !== undefined ? { pendingDays: view.pendingDays } : {}),
  };
}
