import { readSettings } from '../accounts/settings.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { clearAttempts, recordFailedAttempt, retryAfterMs } from '../auth/attempt-throttle.ts';
import { LOCK_AFTER_CODE_FAILURES } from '../auth/throttle-policy.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Db, UserRow } from '../db/schema.ts';
import { loadCredential, markAccepted, openCredential } from './credentials.ts';
import { matchTotp, normaliseCode } from './match-totp.ts';

export type CodeOutcome =
  | { kind: 'accepted' }
  | { kind: 'blank' }
  | { kind: 'invalid' }
  | { kind: 'replayed' }
  | { kind: 'locked' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'not_enrolled' };

export interface CheckContext {
  db: Db;
  box: SecretBox;
  now: number;
  /** Who is asking, for the audit log: the user themself or `api:<key name>`. */
  actor: string;
  ip: string;
  channel: 'sign_in' | 'api';
}

const EVENTS = {
  sign_in: { ok: 'sign_in.code_ok', failed: 'sign_in.code_failed', replayed: 'sign_in.code_replayed' },
  api: { ok: 'api.verify_ok', failed: 'api.verify_failed', replayed: 'api.verify_failed' },
} as const;

/**
 * Checks a TOTP code for a user with every rule applied in order: lock, per-account delay,
 * enrollment, match around learned drift, replay mark. Wrong codes count towards the delay and the
 * lock; every outcome is audited.
 */
export async function checkSecondFactor(
  ctx: CheckContext,
  user: UserRow,
  input: string,
): Promise<CodeOutcome> {
  const code = normaliseCode(input);
  if (code === '') return { kind: 'blank' };
  const events = EVENTS[ctx.channel];
  const audit = (event: (typeof events)[keyof typeof events], detail?: Record<string, unknown>) =>
    writeAudit(ctx.db, { at: ctx.now, actor: ctx.actor, event, target: user.username, ip: ctx.ip, detail });

  if (user.locked_at !== null) {
    await audit(events.failed, { reason: 'locked' });
    return { kind: 'locked' };
  }
  const wait = await retryAfterMs(ctx.db, user.username, ctx.now);
  if (wait > 0) {
    await audit(events.failed, { reason: 'throttled' });
    return { kind: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
  }
  const row = await loadCredential(ctx.db, user.id);
  if (!row) return { kind: 'not_enrolled' };
  const { verificationWindow } = await readSettings(ctx.db);
  const match = matchTotp(openCredential(ctx.box, row), code, ctx.now, verificationWindow);
  if (match === null) {
    await recordCodeFailure(ctx, user);
    await audit(events.failed, { reason: 'invalid_code' });
    return { kind: 'invalid' };
  }
  if (match.step <= row.last_step || !(await markAccepted(ctx.db, user.id, match))) {
    await audit(events.replayed, { reason: 'replayed' });
    return { kind: 'replayed' };
  }
  await clearAttempts(ctx.db, user.username);
  await ctx.db
    .updateTable('users')
    .set({ code_failures: 0 })
    .where('id', '=', user.id)
    .where('code_failures', '>', 0)
    .execute();
  await audit(events.ok, match.drift === row.drift ? undefined : { drift: match.drift });
  return { kind: 'accepted' };
}

/** One wrong code: pushes the per-account delay and, at the 100th in a row, locks the account. */
async function recordCodeFailure(ctx: CheckContext, user: UserRow): Promise<void> {
  await recordFailedAttempt(ctx.db, user.username, ctx.now);
  const counted = await ctx.db
    .updateTable('users')
    .set((eb) => ({ code_failures: eb('code_failures', '+', 1) }))
    .where('id', '=', user.id)
    .returning('code_failures')
    .executeTakeFirst();
  if (!counted || counted.code_failures < LOCK_AFTER_CODE_FAILURES) return;
  const locked = await ctx.db
    .updateTable('users')
    .set({ locked_at: ctx.now })
    .where('id', '=', user.id)
    .where('locked_at', 'is', null)
    .executeTakeFirst();
  if (locked.numUpdatedRows === 1n) {
    await writeAudit(ctx.db, {
      at: ctx.now,
      actor: ctx.actor,
      event: 'account.locked',
      target: user.username,
      ip: ctx.ip,
      detail: { consecutiveFailures: counted.code_failures },
    });
  }
}
