import { findUserByName } from '../accounts/users.ts';
import { noteApiKeyUse } from '../api-keys/api-keys.ts';
import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import { apiKeySource } from '../auth/attempt-source.ts';
import { takeSourceAttempt } from '../auth/attempt-throttle.ts';
import type { AppContext } from '../http/context.ts';
import { type SecurityNoticeDeps, sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import type { VerifyAnswer, VerifyQuestion } from '../verification/verify-answer.ts';
import { loadVerifyRequest } from '../verification/verify-request.ts';
import { checkRecoveryCode, mayUseRecoveryCode } from './check-recovery-code.ts';
import { secretMatches } from './recovery-code-hash.ts';

/**
 * A third-party verify of a recovery code, asked for by the application (`allowRecoveryCode`), on
 * either database: a separate step from the TOTP path, since the code is compared with argon2 in the
 * verifier whatever the engine. The rules and answers are the TOTP path's: a user who cannot have
 * recovery codes, and an unknown name, answer as a wrong code through the same delay, after a hash
 * comparison of the same cost. Undefined: the API key is not valid.
 */
export async function verifyWithRecoveryCode(
  ctx: Pick<AppContext, 'db' | 'box' | 'mailer' | 'clock'> & { log?: SecurityNoticeDeps['log'] },
  q: VerifyQuestion,
): Promise<(VerifyAnswer & { recoveryCodesLeft?: number }) | undefined> {
  const { db } = ctx;
  const { now, username, ip } = q;
  const state = await loadVerifyRequest(db, q.presentedKey, username, now);
  if (!state) return undefined;
  await noteApiKeyUse(db, { id: state.apiKey.id, last_used_at: state.apiKey.lastUsedAt }, now);
  const actor = `api:${state.apiKey.name}`;
  const source = apiKeySource(username, state.apiKey.id);
  const user = state.subject;
  if (!mayUseRecoveryCode(user)) {
    // As the TOTP path answers them, after a hash comparison of the same cost as a real check.
    await secretMatches(null, null);
    const entry = { at: now, actor, event: 'api.verify_failed' as const, target: username, ip };
    if ((await takeSourceAttempt(db, source, now)) > 0) {
      await writeRefusalAudit(db, { ...entry, detail: { reason: 'throttled' } });
      return { ok: false, reason: 'throttled' };
    }
    await writeAudit(db, { ...entry, detail: { reason: user ? 'not_enrolled' : 'invalid_code' } });
    return { ok: false, reason: 'invalid_code' };
  }
  const check = { db, box: ctx.box, now, actor, ip, source, channel: 'api' as const };
  const outcome = await checkRecoveryCode(check, user, q.code);
  switch (outcome.kind) {
    case 'accepted': {
      const row = await findUserByName(db, username);
      if (row) {
        const notice = { username: row.username, email: row.email, displayName: row.display_name };
        void sendSecurityNotice(ctx, notice, 'recovery_code_used', { ip, actor, left: outcome.left });
      }
      return { ok: true, recoveryCodesLeft: outcome.left };
    }
    case 'blank':
    case 'invalid':
    case 'not_enrolled':
      return { ok: false, reason: 'invalid_code' };
    default:
      return { ok: false, reason: outcome.kind };
  }
}
