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
  const policy = await loadPolicy(db, now);
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
