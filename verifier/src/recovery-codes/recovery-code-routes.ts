import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUserByName, findUserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { sourceFromKey } from '../auth/attempt-source.ts';
import { refundSourceAttempt, takeSourceAttempt } from '../auth/attempt-throttle.ts';
import { countChallengeFailure, deleteSession } from '../auth/sessions.ts';
import {
  accountLocked,
  challengeVoid,
  codeBlank,
  codeInvalid,
  codeUsed,
  invalidCredentials,
  tooManyAttempts,
} from '../auth/sign-in-errors.ts';
import { replaceSession } from '../auth/step-up.ts';
import { CHALLENGE_MAX_FAILURES } from '../auth/throttle-policy.ts';
import { verifyPassword } from '../crypto/passwords.ts';
import { requireAdmin } from '../http/admin-guard.ts';
import { notFound } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { Code, errors, IdParams, Step } from '../http/schemas.ts';
import { clearSessionCookie, requireSession, signedIn } from '../http/session-guard.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { checkSecondFactor } from '../verification/check-second-factor.ts';
import { loadSubject } from '../verification/subject.ts';
import { checkRecoveryCode, mayUseRecoveryCode } from './check-recovery-code.ts';
import { issueRecoveryCodes } from './issue-recovery-codes.ts';
import {
  noRecoveryCodes,
  recoveryCodeBlank,
  recoveryCodeInvalid,
  recoveryCodeUsed,
} from './recovery-code-errors.ts';
import { codesLeft } from './recovery-code-store.ts';

const RecoveryCodeText = Type.String({ maxLength: 64, description: 'One recovery code, dashes optional.' });
export const CodesLeft = Type.Object({
  left: Type.Integer({ description: 'Unused recovery codes.' }),
  available: Type.Boolean({
    description: 'Whether the user can have recovery codes (authenticator, set up).',
  }),
});
export const NewCodes = Type.Object({
  codes: Type.Array(Type.String(), { description: 'Shown once; only their hashes are kept.' }),
});

async function leftFor(ctx: AppContext, userId: number, username: string) {
  const subject = await loadSubject(ctx.db, username, ctx.clock.now());
  return { left: await codesLeft(ctx.db, userId), available: mayUseRecoveryCode(subject) };
}

/** Recovery codes: the sign-in step with one, the count left, a new set, and the admin's count. */
export function registerRecoveryCodeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/auth/recovery-code',
    {
      schema: {
        tags: ['sign-in'],
        summary:
          'Answer the second-factor challenge with a recovery code instead (single use; throttled as codes are; e-mails the user).',
        body: Type.Object({ code: RecoveryCodeText }),
        response: {
          200: Type.Object({ step: Step, csrfToken: Type.String() }),
          ...errors(400, 401, 403, 409, 410, 423, 429),
        },
      },
      preHandler: requireSession(ctx, { scopes: ['code'], challenge: true }),
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      if (user.method === 'email') throw noRecoveryCodes();
      const now = ctx.clock.now();
      const subject = await loadSubject(ctx.db, user.username, now);
      if (!subject) throw challengeVoid();
      const source = sourceFromKey(session.attempt_source, user.username);
      const check = { db: ctx.db, box: ctx.box, now, actor: user.username, ip: request.ip, source };
      const outcome = await checkRecoveryCode({ ...check, channel: 'sign_in' }, subject, request.body.code);
      const endChallenge = async (reply: FastifyReply) => {
        await deleteSession(ctx.db, session.id_hash);
        clearSessionCookie(ctx, reply);
      };
      switch (outcome.kind) {
        case 'accepted': {
          const full = await replaceSession(ctx, reply, user, 'full', session.id_hash, source, now);
          void sendSecurityNotice({ ...ctx, log: request.log }, user, 'recovery_code_used', {
            ip: request.ip,
            left: outcome.left,
          });
          return { step: 'signed-in' as const, csrfToken: full.csrfToken };
        }
        case 'blank':
          throw recoveryCodeBlank();
        case 'replayed':
          throw recoveryCodeUsed();
        case 'locked':
          await endChallenge(reply);
          throw accountLocked();
        case 'throttled':
          throw tooManyAttempts(outcome.retryAfterSeconds);
        case 'not_enrolled':
          await endChallenge(reply);
          throw challengeVoid();
        case 'invalid': {
          if ((await countChallengeFailure(ctx.db, session.id_hash)) >= CHALLENGE_MAX_FAILURES) {
            await endChallenge(reply);
            await writeAudit(ctx.db, {
              ...check,
              at: now,
              event: 'sign_in.challenge_void',
              target: user.username,
            });
            throw challengeVoid();
          }
          throw recoveryCodeInvalid();
        }
      }
    },
  );

  api.get(
    '/api/recovery-codes',
    {
      schema: {
        tags: ['account'],
        summary: 'How many recovery codes the signed-in user has left.',
        response: { 200: CodesLeft, ...errors(401, 403) },
      },
      preHandler: requireSession(ctx, { scopes: ['full'] }),
    },
    async (request) => {
      const { user } = signedIn(request);
      return leftFor(ctx, user.id, user.username);
    },
  );

  api.post(
    '/api/recovery-codes/regenerate',
    {
      schema: {
        tags: ['account'],
        summary:
          'A new set of ten recovery codes, replacing every old one; needs the password and a current authenticator code.',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          code: Code,
        }),
        response: { 200: NewCodes, ...errors(400, 401, 403, 409, 423, 429) },
      },
      preHandler: requireSession(ctx, { scopes: ['full'] }),
    },
    async (request) =>
      regenerate(ctx, request as FastifyRequest<{ Body: { currentPassword: string; code: string } }>),
  );

  api.get(
    '/api/admin/users/:id/recovery-codes',
    {
      schema: {
        tags: ['admin'],
        summary: 'How many recovery codes a user has left.',
        params: IdParams,
        response: { 200: CodesLeft, ...errors(401, 403, 404) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const user = await findUserView(ctx.db, request.params.id, ctx.clock.now());
      if (!user) throw notFound('The user');
      return leftFor(ctx, user.id, user.username);
    },
  );
}

/**
 * Re-authentication first (the password, counted on the session's source as a password change is),
 * then a current code, so neither a borrowed session nor a known password alone makes new codes.
 */
async function regenerate(
  ctx: AppContext,
  request: FastifyRequest<{ Body: { currentPassword: string; code: string } }>,
) {
  const { session, user } = signedIn(request);
  const now = ctx.clock.now();
  const subject = await loadSubject(ctx.db, user.username, now);
  if (!mayUseRecoveryCode(subject)) throw noRecoveryCodes();
  const source = sourceFromKey(session.attempt_source, user.username);
  const wait = await takeSourceAttempt(ctx.db, source, now);
  if (wait > 0) throw tooManyAttempts(Math.ceil(wait / 1000));
  const row = await findUserByName(ctx.db, user.username);
  if (!row || !(await verifyPassword(row.password_hash, request.body.currentPassword)))
    throw invalidCredentials();
  await refundSourceAttempt(ctx.db, source, now);
  const check = { db: ctx.db, box: ctx.box, now, actor: user.username, ip: request.ip, source };
  const outcome = await checkSecondFactor({ ...check, channel: 'sign_in' }, subject, request.body.code);
  switch (outcome.kind) {
    case 'accepted':
      break;
    case 'blank':
      throw codeBlank();
    case 'replayed':
      throw codeUsed();
    case 'locked':
      throw accountLocked();
    case 'throttled':
      throw tooManyAttempts(outcome.retryAfterSeconds);
    case 'not_enrolled':
      throw noRecoveryCodes();
    case 'invalid':
      throw codeInvalid();
  }
  const codes = await issueRecoveryCodes(ctx.db, {
    userId: user.id,
    username: user.username,
    now,
    ip: request.ip,
    reason: 'regenerated',
  });
  return { codes };
}
