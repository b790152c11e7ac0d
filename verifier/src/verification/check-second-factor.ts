import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import type { AttemptSource } from '../auth/attempt-source.ts';
import { giveBackCodeTry, lockWhenExhausted, takeCodeTry } from '../auth/code-failures.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { atomically } from '../db/atomically.ts';
import type { Db } from '../db/schema.ts';
import { acceptCode } from './accept-code.ts';
import { openCredential } from './credentials.ts';
import { matchTotp, normaliseCode } from './match-totp.ts';
import type { VerificationSubject } from './subject.ts';

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
  /** Where the attempt counts: the sign-in's source, or the calling application's API key. */
  source: AttemptSource;
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
  user: VerificationSubject,
  input: string,
): Promise<CodeOutcome> {
  const code = normaliseCode(input);
  if (code === '') return { kind: 'blank' };
  const events = EVENTS[ctx.channel];
  const audit = (
    event: (typeof events)[keyof typeof events],
    detail?: Record<string, unknown>,
    db: Db = ctx.db,
  ) => writeAudit(db, { at: ctx.now, actor: ctx.actor, event, target: user.username, ip: ctx.ip, detail });

  // Refusals that check nothing are summarised per source and burst (see writeRefusalAudit).
  const refusal = (reason: 'locked' | 'throttled') =>
    writeRefusalAudit(ctx.db, {
      at: ctx.now,
      actor: ctx.actor,
      event: events.failed,
      target: user.username,
      ip: ctx.ip,
      detail: { reason },
    });
  if (user.lockedAt !== null) {
    await refusal('locked');
    return { kind: 'locked' };
  }
  const row = user.status === 'Activated' ? user.credential : null;
  if (!row) return { kind: 'not_enrolled' };
  const taken = await takeCodeTry(ctx.db, user, ctx.source, ctx.now);
  if (taken.kind !== 'allowed') {
    await refusal(taken.kind);
    return taken;
  }
  const match = matchTotp(openCredential(ctx.box, row), code, ctx.now, user.verificationWindow);
  if (match === null) {
    // One transaction: one commit (one disk flush on PostgreSQL) for the lock and the audit entry.
    await atomically(ctx.db, async (trx) => {
      await lockWhenExhausted(trx, user, taken.attempts, { at: ctx.now, actor: ctx.actor, ip: ctx.ip });
      await audit(events.failed, { reason: 'invalid_code' }, trx);
    });
    return { kind: 'invalid' };
  }
  const accepted =
    match.step > row.last_step &&
    (await acceptCode(ctx.db, {
      userId: user.id,
      username: user.username,
      sourceKey: ctx.source.key,
      match,
      audit: {
        at: ctx.now,
        actor: ctx.actor,
        ip: ctx.ip,
        accepted: {
          event: events.ok,
          detail: match.drift === row.drift ? undefined : { drift: match.drift },
        },
        replayed: { event: events.replayed, detail: { reason: 'replayed' } },
      },
    }));
  // A code at or before the last accepted step is a replay without touching the mark.
  if (!accepted && match.step <= row.last_step) await audit(events.replayed, { reason: 'replayed' });
  if (!accepted) {
    // A right code, only too late: no guess, so it does not count towards the delay or the lock.
    await giveBackCodeTry(ctx.db, user, ctx.source, ctx.now);
    return { kind: 'replayed' };
  }
  return { kind: 'accepted' };
}
