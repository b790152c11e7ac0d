import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { TwoFactorStatus } from '../policy/two-factor-status.ts';
import { refreshPendingSince } from './pending-since.ts';
import { STATUSES } from './user-list-keys.ts';
import { countUsers } from './user-listing.ts';
import { statusExpression } from './user-status-sql.ts';
import { baseQuery, loadPolicy } from './users.ts';

export interface UserSummary {
  byStatus: Record<TwoFactorStatus, number>;
  total: number;
  /** Pending for longer than `days` days. */
  pendingLonger: { days: number; count: number };
}

/** System Settings' summary: users per 2FA status in one grouped count, and the long-Pending ones. */
export async function summariseUsers(db: Db, pendingDays: number, now: number): Promise<UserSummary> {
  await refreshPendingSince(db, now);
  const policy = await loadPolicy(db, now);
  const status = statusExpression(policy);
  const rows = await db
    .selectFrom(baseQuery(db).select(status.as('status')).as('u'))
    .select([sql<string>`u.status`.as('status'), (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy(sql`u.status`)
    .execute();
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TwoFactorStatus, number>;
  for (const row of rows) byStatus[row.status as TwoFactorStatus] = Number(row.count);
  const count = await countUsers(db, { pendingDays }, policy, now);
  const total = STATUSES.reduce((sum, s) => sum + byStatus[s], 0);
  return { byStatus, total, pendingLonger: { days: pendingDays, count } };
}
