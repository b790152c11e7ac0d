import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import { clearAttempts } from '../auth/attempt-throttle.ts';
import { giveBackCodeTry, lockWhenExhausted, takeCodeTry } from '../auth/code-failures.ts';
import { atomically } from '../db/atomically.ts';
import type { Db } from '../db/schema.ts';
import type { CheckContext, CodeOutcome } from '../verification/check-second-factor.ts';
import type { VerificationSubject } from '../verification/subject.ts';
import { parseRecoveryCode } from './recovery-code-format.ts';
import { secretMatches } from './recovery-code-hash.ts';
import { codesLeft, findCode, markCodeUsed } from './recovery-code-store.ts';

export type RecoveryOutcome = Exclude<CodeOutcome, { kind: 'accepted' }> | { kind: 'accepted'; left: number };

const EVENTS = {
  sign_in: { failed: 'sign_in.code_failed', replayed: 'sign_in.code_replayed' },
  api: { failed: 'api.verify_failed', replayed: 'api.verify_failed' },
} as const;

/** Only authenticator users have recovery codes (e-mail users get a new code by e-mail instead). */
export function mayUseRecoveryCode(user: VerificationSubject | undefined): user is VerificationSubject {
  return user?.status === 'Activated' && user.method === 'totp' && user.credential !== null;
}

/**
 * Checks a recovery code with the rules of a TOTP code: the lock, the per-source delay and the hard
 * lock count it before the hash is compared; a wrong code counts as a wrong code, a used one is given
 * back (no guess). Accepting marks the code used, clears the counters and writes the audit entry in
 * one transaction; only one of simultaneous requests with the same code gets it.
 */
export async function checkRecoveryCode(
  ctx: CheckContext,
  user: VerificationSubject,
  input: string,
): Promise<RecoveryOutcome> {
  if (input.trim() === '') return { kind: 'blank' };
  const events = EVENTS[ctx.channel];
  const entry = { at: ctx.now, actor: ctx.actor, target: user.username, ip: ctx.ip };
  if (user.lockedAt !== null) {
    await writeRefusalAudit(ctx.db, { ...entry, event: events.failed, detail: { reason: 'locked' } });
    return { kind: 'locked' };
  }
  if (!mayUseRecoveryCode(user)) return { kind: 'not_enrolled' };
  const taken = await takeCodeTry(ctx.db, user, ctx.source, ctx.now);
  if (taken.kind !== 'allowed') {
    await writeRefusalAudit(ctx.db, { ...entry, event: events.failed, detail: { reason: taken.kind } });
    return taken;
  }
  const code = parseRecoveryCode(input);
  const stored = code ? await findCode(ctx.db, user.id, code.id) : undefined;
  // Compared outside any transaction: argon2 takes tens of milliseconds and must not hold a lock.
  if (!(await secretMatches(stored?.codeHash ?? null, code))) {
    await atomically(ctx.db, async (trx) => {
      await lockWhenExhausted(trx, user, taken.attempts, { at: ctx.now, actor: ctx.actor, ip: ctx.ip });
      await writeAudit(trx, { ...entry, event: events.failed, detail: { reason: 'invalid_recovery_code' } });
    });
    return { kind: 'invalid' };
  }
  const codeId = code?.id as string;
  const left = await atomically(ctx.db, async (trx: Db) => {
    if (!(await markCodeUsed(trx, user.id, codeId, ctx.now))) return null;
    await clearAttempts(trx, ctx.source.key);
    await trx.updateTable('users').set({ code_failures: 0 }).where('id', '=', user.id).execute();
    const remaining = await codesLeft(trx, user.id);
    await writeAudit(trx, {
      ...entry,
      event: 'recovery_code.used',
      detail: { channel: ctx.channel, codeId, left: remaining },
    });
    return remaining;
  });
  if (left === null) {
    // A right code already used: no guess, so it counts towards neither the delay nor the lock.
    await giveBackCodeTry(ctx.db, user, ctx.source, ctx.now);
    await writeAudit(ctx.db, { ...entry, event: events.replayed, detail: { reason: 'recovery_code_used' } });
    return { kind: 'replayed' };
  }
  return { kind: 'accepted', left };
}
