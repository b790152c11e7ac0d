import { type Expression, sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { TwoFactorStatus } from '../policy/two-factor-status.ts';
import type { PolicySettings } from '../settings/settings.ts';
import { refreshPendingSince } from './pending-since.ts';
import { type SortKey, type SortOrder, STATUSES } from './user-list-keys.ts';
import { statusExpression } from './user-status-sql.ts';
import { baseQuery, type Joined, loadPolicy, toView, type UserPage } from './users.ts';

const DAY_MS = 24 * 60 * 60_000;

/** What the Users list is narrowed to; every field left out matches everyone. */
export interface UserFilter {
  /** Text in the username, display name or e-mail; a status name ("pending") also finds that status. */
  query?: string;
  status?: TwoFactorStatus;
  groupId?: number;
  source?: 'local' | 'sso';
  /** Only users who have not chosen a password yet. */
  noPassword?: boolean;
  /** Only users Pending for longer than this many days. */
  pendingDays?: number;
}

export interface UserSort {
  sort: SortKey;
  order: SortOrder;
}

type Query = ReturnType<typeof baseQuery>;

/** The column each sort key orders by: a fixed table, so a request picks an entry and never writes SQL. */
function sortExpression(key: SortKey, policy: PolicySettings): Expression<unknown> {
  switch (key) {
    case 'name':
      return sql`LOWER(CASE WHEN users.display_name = '' THEN users.username ELSE users.display_name END)`;
    case 'username':
      return sql`users.username`;
    case 'email':
      return sql`LOWER(users.email)`;
    case 'group':
      return sql`LOWER(groups.name)`;
    case 'source':
      return sql`users.source`;
    case 'status':
      return statusExpression(policy);
    case 'pendingSince':
      return sql`users.pending_since`;
    case 'createdAt':
      return sql`users.created_at`;
  }
}

/** Adds the filter's conditions to a query over baseQuery's tables. */
export function applyFilter<Q extends Query>(
  q: Q,
  filter: UserFilter,
  policy: PolicySettings,
  now: number,
): Q {
  const status = statusExpression(policy);
  let out = q;
  const text = (filter.query ?? '').trim().toLowerCase();
  if (text !== '') {
    const pattern = `%${text}%`;
    const named = STATUSES.find((s) => s.toLowerCase() === text);
    out = out.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.username']), 'like', pattern),
        eb(eb.fn('lower', ['users.display_name']), 'like', pattern),
        eb(eb.fn('lower', ['users.email']), 'like', pattern),
        ...(named ? [eb(status, '=', named)] : []),
      ]),
    ) as Q;
  }
  if (filter.status) out = out.where(status, '=', filter.status) as Q;
  if (filter.groupId !== undefined) out = out.where('users.group_id', '=', filter.groupId) as Q;
  if (filter.source) out = out.where('users.source', '=', filter.source) as Q;
  if (filter.noPassword) out = out.where('users.password_hash', 'is', null) as Q;
  if (filter.pendingDays !== undefined) {
    out = out
      .where(status, '=', 'Pending')
      .where('users.pending_since', '<', now - filter.pendingDays * DAY_MS) as Q;
  }
  return out;
}

/**
 * One page of users matching the filter, in the chosen order. Ties (and empty Pending-since cells,
 * always last) fall back to the id, so the order is the same on every page and every database.
 */
export async function listUsers(
  db: Db,
  filter: UserFilter,
  order: UserSort,
  page: number,
  pageSize: number,
  now: number,
): Promise<UserPage> {
  await refreshPendingSince(db, now);
  const policy = await loadPolicy(db, now);
  const rows = await applyFilter(baseQuery(db), filter, policy, now)
    .orderBy(sql`CASE WHEN ${sortExpression(order.sort, policy)} IS NULL THEN 1 ELSE 0 END`)
    .orderBy(sortExpression(order.sort, policy), order.order)
    .orderBy('users.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const total = await countUsers(db, filter, policy, now);
  return { items: rows.map((r) => toView(r as Joined, policy)), total, page, pageSize };
}

export async function countUsers(db: Db, filter: UserFilter, policy: PolicySettings, now: number) {
  const count = await db
    .selectFrom(applyFilter(baseQuery(db), filter, policy, now).as('matches'))
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  return Number(count.total);
}

/** The ids of every user matching the filter, for a bulk action on "all that match". */
export async function matchingUserIds(db: Db, filter: UserFilter, now: number): Promise<number[]> {
  await refreshPendingSince(db, now);
  const policy = await loadPolicy(db, now);
  const rows = await applyFilter(baseQuery(db), filter, policy, now).orderBy('users.id').execute();
  return rows.map((r) => r.id);
}

/** Each user's 2FA status by id, for the CSV export's read-only column. */
export async function statusesById(db: Db, now: number): Promise<Map<number, TwoFactorStatus>> {
  const policy = await loadPolicy(db, now);
  const rows = await baseQuery(db).select(statusExpression(policy).as('status')).execute();
  return new Map(rows.map((r) => [r.id, r.status as TwoFactorStatus]));
}
