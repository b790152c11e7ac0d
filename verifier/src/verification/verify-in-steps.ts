import { noteApiKeyUse } from '../api-keys/api-keys.ts';
import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import { apiKeySource } from '../auth/attempt-source.ts';
import { takeSourceAttempt } from '../auth/attempt-throttle.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Db } from '../db/schema.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import type { Reason, VerifyAnswer, VerifyQuestion } from './verify-answer.ts';
import { loadVerifyRequest, type VerifyRequestState } from './verify-request.ts';

/**
 * A third-party verify as a sequence of statements, each a step of the sign-in rules: on SQLite,
 * which runs them in-process, steps cost no round trips. After the read, every step runs in one
 * transaction, so the verify writes its pages and commits once. Undefined: the API key is not valid.
 */
export async function verifyInSteps(
  ctx: { db: Db; box: SecretBox },
  q: VerifyQuestion,
): Promise<VerifyAnswer | undefined> {
  // One query: the key (unless revoked) with the user, credential, delays and settings.
  const state = await loadVerifyRequest(ctx.db, q.presentedKey, q.username, q.now);
  if (!state) return undefined;
  return ctx.db.transaction().execute((trx) => verifySteps({ db: trx, box: ctx.box }, q, state));
}

async function verifySteps(
  ctx: { db: Db; box: SecretBox },
  q: VerifyQuestion,
  state: VerifyRequestState,
): Promise<VerifyAnswer> {
  const { now, username, ip } = q;
  await noteApiKeyUse(ctx.db, { id: state.apiKey.id, last_used_at: state.apiKey.lastUsedAt }, now);
  const actor = `api:${state.apiKey.name}`;
  const refuse = async (reason: Reason, why: string = reason): Promise<VerifyAnswer> => {
    const detail = { reason: why };
    await writeAudit(ctx.db, { at: now, actor, event: 'api.verify_failed', target: username, ip, detail });
    return { ok: false, reason };
  };
  const user = state.subject;
  // An application's checks count on their own: a stranger's guesses elsewhere never delay it.
  const source = apiKeySource(username, state.apiKey.id);
  if (user?.status !== 'Activated' || user.method !== 'totp' || user.credential === null) {
    // Unknown names, users without a credential and e-mail users (whose codes this API cannot
    // check) answer like a wrong code through the same delay, so the answers cannot tell whether a
    // username exists, has 2FA set up or which method it uses.
    if ((await takeSourceAttempt(ctx.db, source, now)) > 0) {
      const detail = { reason: 'throttled' };
      await writeRefusalAudit(ctx.db, {
        at: now,
        actor,
        event: 'api.verify_failed',
        target: username,
        ip,
        detail,
      });
      return { ok: false, reason: 'throttled' };
    }
    return refuse('invalid_code', user ? 'not_enrolled' : 'invalid_code');
  }
  const outcome = await checkSecondFactor(
    { db: ctx.db, box: ctx.box, now, actor, ip, channel: 'api', source },
    user,
    q.code,
  );
  switch (outcome.kind) {
    case 'accepted':
      return { ok: true };
    case 'blank':
      return refuse('invalid_code');
    case 'invalid':
      return { ok: false, reason: 'invalid_code' };
    case 'not_enrolled':
      return refuse('invalid_code', 'not_enrolled');
    default:
      return { ok: false, reason: outcome.kind };
  }
}
