import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sourceFromKey } from '../auth/attempt-source.ts';
import { deleteSession, renewSession } from '../auth/sessions.ts';
import { accountLocked, tooManyAttempts } from '../auth/sign-in-errors.ts';
import { deliverCode, EMAIL_CHALLENGE_MS, replaceSession } from '../auth/step-up.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { clearSessionCookie, requireSession, signedIn } from '../http/session-guard.ts';
import { rememberIfAsked } from '../remembered-devices/remembered-sign-in.ts';
import { checkEmailSignInCode } from './check-sent-code.ts';
import { DEFAULT_EMAIL_CODE_POLICY } from './index.ts';

const MAX_ATTEMPTS = DEFAULT_EMAIL_CODE_POLICY.maxAttempts;

const emailCodeBlank = () => new ApiError(400, 'code_blank', 'Enter the code from the e-mail.');
const emailCodeWrong = (attemptsLeft: number) =>
  attemptsLeft > 0
    ? new ApiError(400, 'code_invalid', 'That code is not right. Check the latest e-mail and try again.', {
        attemptsLeft,
      })
    : new ApiError(
        400,
        'code_invalid',
        `That code is not right, and after ${MAX_ATTEMPTS} wrong codes it no longer works. Use Resend to get a new one.`,
        { attemptsLeft },
      );
const emailCodeExpired = (reason: 'time' | 'attempts' | 'used' | 'none') =>
  new ApiError(
    400,
    'code_expired',
    reason === 'attempts'
      ? `This code no longer works after ${MAX_ATTEMPTS} wrong codes. Use Resend to get a new one.`
      : 'This code has expired. Use Resend to get a new one.',
  );
const emailCodeUsed = () =>
  new ApiError(400, 'code_used', 'That code has already been used. Use Resend to get a new one.');

/** `POST /api/auth/code` for a user whose codes come by e-mail. */
export async function answerEmailCode(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  /** "Remember this device" was ticked. */
  remember?: boolean,
) {
  const { session, user } = signedIn(request);
  const source = sourceFromKey(session.attempt_source, user.username);
  const outcome = await checkEmailSignInCode(ctx, user, code, request.ip, source);
  switch (outcome.kind) {
    case 'accepted': {
      await rememberIfAsked(ctx, request, reply, user, remember);
      const full = await replaceSession(ctx, reply, user, 'full', session.id_hash, source, ctx.clock.now());
      return { step: 'signed-in' as const, csrfToken: full.csrfToken };
    }
    case 'blank':
      throw emailCodeBlank();
    case 'wrong':
      throw emailCodeWrong(outcome.attemptsLeft);
    case 'expired':
      throw emailCodeExpired(outcome.reason);
    case 'used':
      throw emailCodeUsed();
    case 'throttled':
      throw tooManyAttempts(outcome.retryAfterSeconds);
    case 'locked':
      await deleteSession(ctx.db, session.id_hash);
      clearSessionCookie(ctx, reply);
      throw accountLocked();
  }
}

/** Resend: a new e-mailed code that voids the previous one, within the cooldown and the hourly cap. */
export function registerResendRoute(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/api/auth/resend',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'E-mail a new sign-in code (e-mail method only); the previous code stops working.',
        response: { 200: Type.Object({ sent: Type.Boolean() }), ...errors(401, 403, 409, 410, 429, 503) },
      },
      preHandler: requireSession(ctx, { scopes: ['code'], challenge: true }),
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      if (user.method !== 'email') {
        throw new ApiError(
          409,
          'not_email_method',
          'Your codes come from your authenticator, not by e-mail.',
        );
      }
      if (user.locked) {
        await deleteSession(ctx.db, session.id_hash);
        clearSessionCookie(ctx, reply);
        throw accountLocked();
      }
      await deliverCode(ctx, request, user, 'resend');
      // The new code is valid for 5 minutes: the challenge that takes it lives on accordingly.
      await renewSession(ctx.db, session.id_hash, ctx.clock.now(), EMAIL_CHALLENGE_MS);
      return { sent: true };
    },
  );
}
