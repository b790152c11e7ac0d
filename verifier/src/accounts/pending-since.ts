import type { Db } from '../db/schema.ts';
import type { PolicySettings } from '../settings/settings.ts';
import { statusExpression } from './user-status-sql.ts';
import { loadPolicy } from './users.ts';

/** The ids of users whose status (as the rules decide it now) is or is not Pending. */
function usersWhosePending(db: Db, policy: PolicySettings, pending: boolean) {
  const status = statusExpression(policy);
  return db
    .selectFrom('users')
    .innerJoin('groups', 'groups.id', 'users.group_id')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .select('users.id')
    .where(status, pending ? '=' : '<>', 'Pending');
}

/**
 * Brings `pending_since` in line with the status: stamped with `now` for a user who is Pending
 * without one, cleared for a user who is no longer Pending. Called in the transaction of every
 * change that can move a status (a user's switch, method, address or group, a reset, a factor set
 * up or ended, a group's or the system's switch, an import), and before the Users list and the
 * summary read it, so a status that moved with time alone (the grace period ending) is stamped the
 * first time it is seen. Two set-based statements, whatever the number of users.
 */
export async function refreshPendingSince(db: Db, now: number): Promise<void> {
  await refreshWith(db, await loadPolicy(db, now), now);
}

/** The policy each database handle was last brought in line with by a read, and when. */
const lastReadRefresh = new WeakMap<Db, { policy: string; at: number }>();
/**
 * Bounds how long a read trusts its memory: a write on another process that started before the
 * grace end but committed after a read's refresh could otherwise stay unseen.
 */
const READ_REFRESH_MAX_AGE_MS = 60_000;

/**
 * For the Users list and the summary: refreshes only when a status can have moved since the last
 * read-time refresh, that is when the policy as it acts now (the grace end passing, a setting
 * changed elsewhere) differs from then, or a minute has gone by. Every write that moves a status
 * refreshes in its own transaction, so between those moments the two full-table statements
 * would find nothing to change.
 */
export async function refreshPendingSinceForRead(db: Db, now: number): Promise<void> {
  const policy = await loadPolicy(db, now);
  const key = JSON.stringify(policy);
  const last = lastReadRefresh.get(db);
  if (last && last.policy === key && now >= last.at && now - last.at < READ_REFRESH_MAX_AGE_MS) return;
  await refreshWith(db, policy, now);
  lastReadRefresh.set(db, { policy: key, at: now });
}

async function refreshWith(db: Db, policy: PolicySettings, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ pending_since: now })
    .where('pending_since', 'is', null)
    .where('id', 'in', usersWhosePending(db, policy, true))
    .execute();
  await db
    .updateTable('users')
    .set({ pending_since: null })
    .where('pending_since', 'is not', null)
    .where('id', 'in', usersWhosePending(db, policy, false))
    .execute();
}
