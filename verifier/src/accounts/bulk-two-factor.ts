import { writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/schema.ts';
import { type BulkOutcome, type BulkSkip, SKIPS, skip } from './bulk-outcome.ts';
import { applyEndings, endedDetail, endingsOf } from './factor-endings.ts';
import { refreshPendingSince } from './pending-since.ts';
import { addressConfirmed, baseQuery, type Joined, loadPolicy, toView, type UserView } from './users.ts';

/** Who acts, for the audit log and for "not your own account". */
export interface BulkActor {
  username: string;
  ip: string | null;
  at: number;
}

type Selected = UserView & { hasFactor: boolean };

const BATCH = 500;

/** The selected users as the rules see them, in username order (unknown ids are dropped). */
export async function selectedUsers(db: Db, ids: readonly number[], now: number): Promise<Selected[]> {
  const policy = await loadPolicy(db, now);
  const out: Selected[] = [];
  for (let start = 0; start < ids.length; start += BATCH) {
    const rows = (await baseQuery(db)
      .where('users.id', 'in', ids.slice(start, start + BATCH))
      .execute()) as Joined[];
    for (const row of rows) {
      out.push({
        ...toView(row, policy),
        hasFactor: row.credential_user_id !== null || addressConfirmed(row),
      });
    }
  }
  return out.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
}

/** Splits the selection by a rule: the users to act on, and the skipped ones with the first reason that applies. */
function sortOut(users: Selected[], reasonToSkip: (user: Selected) => BulkSkip | null) {
  const act: Selected[] = [];
  const skipped: BulkSkip[] = [];
  for (const user of users) {
    const reason = reasonToSkip(user);
    if (reason) skipped.push(reason);
    else act.push(user);
  }
  return { act, skipped };
}

function inBatches(users: Selected[]): number[][] {
  const ids = users.map((u) => u.id);
  const out: number[][] = [];
  for (let start = 0; start < ids.length; start += BATCH) out.push(ids.slice(start, start + BATCH));
  return out;
}

/**
 * Turns the 2FA switch on for the selected users whose group allows it, in one transaction with an
 * audit entry per user. As for a single user, turning it on ends nothing: the rules ask for the
 * factor from the next sign-in, and the users become Pending from now.
 */
export async function enableTwoFactor(db: Db, ids: readonly number[], by: BulkActor): Promise<BulkOutcome> {
  const users = await selectedUsers(db, ids, by.at);
  const { act, skipped } = sortOut(users, (user) => {
    if (user.source === 'sso') return skip(user.username, SKIPS.sso);
    if (!user.twoFactorAvailable) return skip(user.username, SKIPS.groupOff);
    if (user.twoFactorEnabled) return skip(user.username, SKIPS.alreadyOn);
    return null;
  });
  await db.transaction().execute(async (trx) => {
    for (const batch of inBatches(act))
      await trx.updateTable('users').set({ two_factor_enabled: 1 }).where('id', 'in', batch).execute();
    for (const user of act) {
      await writeAudit(trx, {
        at: by.at,
        actor: by.username,
        event: 'user.updated',
        target: user.username,
        ip: by.ip,
        detail: { via: 'bulk', fields: ['twoFactorEnabled'] },
      });
    }
    await refreshPendingSince(trx, by.at);
  });
  return { done: act.map((u) => u.username), skipped };
}

/**
 * The lost-device reset for the selected users, as `user reset-2fa` does it for one: the factor and
 * every way back in with it end (factor-endings.ts), the switch stays on, so each user sets up again
 * at the next sign-in. SSO users have no factor here; the admin's own account is left to its page, so
 * a bulk action never signs out the admin giving it. One transaction, an audit entry per user.
 */
export async function resetTwoFactor(db: Db, ids: readonly number[], by: BulkActor): Promise<BulkOutcome> {
  const users = await selectedUsers(db, ids, by.at);
  const { act, skipped } = sortOut(users, (user) => {
    if (user.source === 'sso') return skip(user.username, SKIPS.sso);
    if (user.username === by.username) return skip(user.username, SKIPS.self);
    if (!user.hasFactor) return skip(user.username, SKIPS.nothingToReset);
    return null;
  });
  const ended = endingsOf(['lost_device_reset']);
  await db.transaction().execute(async (trx) => {
    for (const batch of inBatches(act)) await applyEndings(trx, batch, ended);
    for (const user of act) {
      await writeAudit(trx, {
        at: by.at,
        actor: by.username,
        event: 'user.two_factor_reset',
        target: user.username,
        ip: by.ip,
        detail: { via: 'bulk', ...endedDetail(ended) },
      });
    }
    await refreshPendingSince(trx, by.at);
  });
  return { done: act.map((u) => u.username), skipped };
}
