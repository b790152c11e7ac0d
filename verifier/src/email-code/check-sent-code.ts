import type { UserView } from '../accounts/users.ts';
import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import type { AttemptSource } from '../auth/attempt-source.ts';
import { clearAttempts } from '../auth/attempt-throttle.ts';
import { giveBackCodeTry, lockWhenExhausted, takeCodeTry } from '../auth/code-failures.ts';
import type { Db } from '../db/schema.ts';
import { loadCodeRecord, saveCodeRecord } from './code-store.ts';
import { confirmAddress } from './confirm-address.ts';
import type { EmailCodeDeps } from './email-code-deps.ts';
import { type CodeCheckOutcome, checkCode, deadReason, type EmailCodeRecord } from './index.ts';

export type EmailCheckOutcome =
  | { kind: 'accepted' }
  | { kind: 'blank' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'expired'; reason: 'time' | 'attempts' | 'used' | 'none' }
  | { kind: 'used' }
  | { kind: 'locked' }
  | { kind: 'throttled'; retryAfterSeconds: number };

const MAX_RACES = 3;

/**
 * Checks an e-mailed code: lock, a dead code, per-account delay, then the code rules (5 minutes, 10 wrong codes,
 * single use). The new state is stored with a conditional write, so two requests with the same code
 * give one success. Wrong codes count towards the account's delay and hard lock like wrong TOTP codes.
 */
export async function checkEmailSignInCode(
  ctx: EmailCodeDeps,
  user: UserView,
  entered: string,
  ip: string,
  source: AttemptSource,
): Promise<EmailCheckOutcome> {
  const now = ctx.clock.now();
  const audit = (event: 'sign_in.code_ok' | 'sign_in.code_failed', detail: Record<string, unknown>) =>
    writeAudit(ctx.db, {
      at: now,
      actor: user.username,
      event,
      target: user.username,
      ip,
      detail: { method: 'email', ...detail },
    });
  // Refusals that check nothing are summarised per source and burst (see writeRefusalAudit).
  const refusal = (reason: 'locked' | 'throttled' | 'expired_attempts' | 'expired_time') =>
    writeRefusalAudit(ctx.db, {
      at: now,
      actor: user.username,
      event: 'sign_in.code_failed',
      target: user.username,
      ip,
      detail: { method: 'email', reason },
    });
  if (entered.trim() === '') return { kind: 'blank' };
  if (user.locked) {
    await refusal('locked');
    return { kind: 'locked' };
  }
  // A dead code needs Resend whatever is entered: say so now, not after the wrong-code delay.
  const stored = await loadCodeRecord(ctx.db, user.id);
  if (stored === null) return { kind: 'expired', reason: 'none' };
  const dead = deadReason(stored, now);
  if (dead !== null) {
    await refusal(`expired_${dead}`);
    return { kind: 'expired', reason: dead };
  }
  const taken = await takeCodeTry(ctx.db, user, source, now);
  if (taken.kind !== 'allowed') {
    await refusal(taken.kind);
    return taken;
  }
  let outcome: CodeCheckOutcome | null = null;
  for (let race = 0; race < MAX_RACES && outcome === null; race++) {
    const record = await loadCodeRecord(ctx.db, user.id);
    if (record === null) return { kind: 'expired', reason: 'none' };
    const checked = checkCode(record, entered, now, ctx.emailCodeKey);
    const changed = checked.record.version !== record.version;
    if (!changed) outcome = checked;
    else if (checked.kind === 'accepted') {
      if (await acceptSentCode(ctx.db, user, source, record, checked.record, { at: now, ip }))
        outcome = checked;
    } else if (await saveCodeRecord(ctx.db, user.id, record, checked.record)) outcome = checked;
  }
  // Only a wrong code is a guess: an expired or used one does not count towards the delay or the lock.
  const refund = () => giveBackCodeTry(ctx.db, user, source, now);
  if (outcome === null) {
    await refund();
    return { kind: 'used' };
  }
  switch (outcome.kind) {
    case 'accepted':
      return { kind: 'accepted' };
    case 'wrong':
      await lockWhenExhausted(ctx.db, user, taken.attempts, { at: now, actor: user.username, ip });
      await audit('sign_in.code_failed', { reason: 'invalid_code', attemptsLeft: outcome.attemptsLeft });
      return { kind: 'wrong', attemptsLeft: outcome.attemptsLeft };
    case 'expired':
      await refund();
      await audit('sign_in.code_failed', { reason: `expired_${outcome.reason}` });
      return { kind: 'expired', reason: outcome.reason };
    case 'used':
      await refund();
      await audit('sign_in.code_failed', { reason: 'replayed' });
      return { kind: 'used' };
    case 'blank':
      return { kind: 'blank' };
  }
}

/**
 * Marks the code used, clears the counters this sign-in raised, confirms the address the code reached
 * and writes the audit entries in one transaction, as the authenticator path does: a failure part-way leaves the code usable and the
 * counts as they were. False when another request used the code first.
 */
function acceptSentCode(
  db: Db,
  user: UserView,
  source: AttemptSource,
  previous: EmailCodeRecord,
  used: EmailCodeRecord,
  { at, ip }: { at: number; ip: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await saveCodeRecord(trx, user.id, previous, used))) return false;
    await clearAttempts(trx, source.key);
    await trx.updateTable('users').set({ code_failures: 0 }).where('id', '=', user.id).execute();
    await writeAudit(trx, {
      at,
      actor: user.username,
      event: 'sign_in.code_ok',
      target: user.username,
      ip,
      detail: { method: 'email' },
    });
    await confirmAddress(trx, user, { at, ip });
    return true;
  });
}
