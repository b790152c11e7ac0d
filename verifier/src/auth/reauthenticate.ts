import { writeAudit } from '../audit/audit-log.ts';
import { verifyPassword } from '../crypto/passwords.ts';
import type { Db } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { spokenDuration } from '../wording/duration.ts';
import { sourceFromKey } from './attempt-source.ts';
import { refundSourceAttempt, takeSourceAttempt } from './attempt-throttle.ts';

export interface Reauthentication {
  user: { id: number; username: string };
  /** The signed-in session's attempt source: a wrong password counts where its sign-in did. */
  attemptSource: string | null;
  password: string;
  /** What the password unlocks, for the audit log of a refusal ("revoke_device"). */
  purpose: string;
  now: number;
  ip: string;
}

export const wrongCurrentPassword = () =>
  new DomainError('invalid', 'wrong_password', 'That is not your current password. Nothing was changed.');

/**
 * Re-authentication before a change to one's own account (ASVS 7.5.1): the current password checked
 * with the user's argon2id hash. It is counted before the check on the session's attempt source, as
 * a sign-in is, so a session left open cannot be used to guess the password faster than the sign-in
 * page allows; a right password gives the attempt back. Refusals are DomainErrors and change nothing.
 */
export async function reauthenticate(db: Db, attempt: Reauthentication): Promise<void> {
  const source = sourceFromKey(attempt.attemptSource, attempt.user.username);
  const wait = await takeSourceAttempt(db, source, attempt.now);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new DomainError(
      'throttled',
      'too_many_attempts',
      `Too many wrong passwords. Wait ${spokenDuration(seconds)} and try again. Nothing was changed.`,
    );
  }
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', attempt.user.id)
    .executeTakeFirst();
  if (!(await verifyPassword(row?.password_hash ?? null, attempt.password))) {
    await writeAudit(db, {
      at: attempt.now,
      actor: attempt.user.username,
      event: 'reauthentication.failed',
      target: attempt.user.username,
      ip: attempt.ip,
      detail: { for: attempt.purpose },
    });
    throw wrongCurrentPassword();
  }
  await refundSourceAttempt(db, source, attempt.now);
}
