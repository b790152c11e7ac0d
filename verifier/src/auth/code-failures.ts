import { writeAudit } from '../audit/audit-log.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import { LOCK_AFTER_CODE_FAILURES } from './throttle-policy.ts';

/**
 * Takes one code attempt against the hard lock before the code is checked, so that parallel
 * requests cannot have more than 100 codes checked in a row (NIST SP 800-63B §5.2.2). Returns the
 * attempts in a row so far, or null when the account is locked or has no attempt left. A right
 * code sets the count back to 0.
 */
export async function takeCodeAttempt(db: Db, userId: number): Promise<number | null> {
  const [row] = (await takeQuery(db, userId, LOCK_AFTER_CODE_FAILURES)).rows;
  return row ? row.code_failures : null;
}

const takeQuery = preparedQuery(
  (db, userId: number, limit: number) =>
    db
      .updateTable('users')
      .set((eb) => ({ code_failures: eb('code_failures', '+', 1) }))
      .where('id', '=', userId)
      .where('locked_at', 'is', null)
      .where('code_failures', '<', limit)
      .returning('code_failures'),
  2,
);

/** Gives back a code attempt that was no wrong code (already used, or expired). */
export async function refundCodeAttempt(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set((eb) => ({ code_failures: eb('code_failures', '-', 1) }))
    .where('id', '=', userId)
    .where('code_failures', '>', 0)
    .execute();
}

/** After a wrong code: the 100th in a row locks the account, audited once. */
export async function lockWhenExhausted(
  db: Db,
  user: { id: number; username: string },
  attempts: number,
  audit: { at: number; actor: string; ip: string },
): Promise<void> {
  if (attempts < LOCK_AFTER_CODE_FAILURES) return;
  const locked = await db
    .updateTable('users')
    .set({ locked_at: audit.at })
    .where('id', '=', user.id)
    .where('locked_at', 'is', null)
    .executeTakeFirst();
  if (locked.numUpdatedRows === 1n) {
    await writeAudit(db, {
      ...audit,
      event: 'account.locked',
      target: user.username,
      detail: { consecutiveFailures: attempts },
    });
  }
}
