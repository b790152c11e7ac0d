import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import { delayAfterFailures } from './throttle-policy.ts';

/**
 * Per-account delay, keyed by the normalised username so unknown names behave exactly like
 * known ones. Kept in the database so every verifier process sees the same state.
 */
export async function retryAfterMs(db: Db, username: string, now: number): Promise<number> {
  const row = await db
    .selectFrom('attempt_throttle')
    .select('next_attempt_at')
    .where('username', '=', username)
    .executeTakeFirst();
  return row && row.next_attempt_at > now ? row.next_attempt_at - now : 0;
}

/** Failures older than this (counted from the last delay's end) are forgiven. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

/**
 * Counts one failure atomically (concurrent failures all count) and pushes the next allowed time.
 * After a quiet day the count starts again, so last month's typos do not delay today's sign-in.
 */
export async function recordFailedAttempt(db: Db, username: string, now: number): Promise<number> {
  const { failures } = await db
    .insertInto('attempt_throttle')
    .values({ username, failures: 1, next_attempt_at: now })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('attempt_throttle.next_attempt_at', '<', now - FORGET_AFTER_MS)
          .then(1)
          .else(eb('attempt_throttle.failures', '+', 1))
          .end(),
      })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('attempt_throttle')
    .set({ next_attempt_at: now + delayAfterFailures(failures) })
    .where('username', '=', username)
    .execute();
  return failures;
}

export async function clearAttempts(db: Db, username: string): Promise<void> {
  await clearQuery(db, username);
}

const clearQuery = preparedQuery(
  (db, username: string) => db.deleteFrom('attempt_throttle').where('username', '=', username),
  1,
);
