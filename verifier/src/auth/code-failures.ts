import { writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import type { AttemptSource } from './attempt-source.ts';
import { refundSourceAttempt, takeSourceAttempt } from './attempt-throttle.ts';
import { LOCK_AFTER_CODE_FAILURES } from './throttle-policy.ts';

export type CodeTry =
  | { kind: 'allowed'; attempts: number }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'locked' };

interface CodeUser {
  id: number;
  username: string;
}

/**
 * One code attempt, of either method, counted before the code is compared so that parallel
 * requests are counted one by one: first against the account's delay, then against the hard lock.
 */
export async function takeCodeTry(
  db: Db,
  user: CodeUser,
  source: AttemptSource,
  now: number,
): Promise<CodeTry> {
  const wait = await takeSourceAttempt(db, source, now);
  if (wait > 0) return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
  const attempts = await takeCodeAttempt(db, user.id);
  return attempts === null ? { kind: 'locked' } : { kind: 'allowed', attempts };
}

/** Gives back a code attempt that was no guess (a right code already used, or expired). */
export async function giveBackCodeTry(
  db: Db,
  user: CodeUser,
  source: AttemptSource,
  now: number,
): Promise<void> {
  await refundSourceAttempt(db, source, now);
  await run(db, refundStatement, [user.id]);
}

/**
 * Takes one code attempt against the hard lock before the code is checked, so that parallel
 * requests cannot have more than 100 codes checked in a row (NIST SP 800-63B §5.2.2). Returns the
 * attempts in a row so far, or null when the account is locked or has no attempt left. A right
 * code sets the count back to 0.
 */
async function takeCodeAttempt(db: Db, userId: number): Promise<number | null> {
  const [row] = (await run(db, takeStatement, [userId, LOCK_AFTER_CODE_FAILURES])).rows;
  return row ? row.code_failures : null;
}

const takeStatement = statement<{ code_failures: number }>(
  'code_try_take',
  `UPDATE users SET code_failures = code_failures + 1
   WHERE id = ? AND locked_at IS NULL AND code_failures < ? RETURNING code_failures`,
);

const refundStatement = statement(
  'code_try_refund',
  'UPDATE users SET code_failures = code_failures - 1 WHERE id = ? AND code_failures > 0',
);

/** After a wrong code: the 100th in a row locks the account, audited once. */
export async function lockWhenExhausted(
  db: Db,
  user: CodeUser,
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
