import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findUserByName, findUserView, normaliseUsername, type UserView } from '../accounts/users.ts';
import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import { verifyPassword } from '../crypto/passwords.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import { answerEmailCode, registerResendRoute } from '../email-code/email-sign-in-routes.ts';
import type { AppContext } from '../http/context.ts';
import { attemptSourceOf } from '../http/device-cookie.ts';
import { Code, errors, Method, Step } from '../http/schemas.ts';
import { clearSessionCookie, requireSession, sessionToken, signedIn } from '../http/session-guard.ts';
import { browserName } from '../remembered-devices/browser-name.ts';
import { rememberIfAsked, skipsSecondFactor } from '../remembered-devices/remembered-sign-in.ts';
import { checkSecondFactor } from '../verification/check-second-factor.ts';
import { loadSubject } from '../verification/subject.ts';
import { sourceFromKey } from './attempt-source.ts';
import {
  ADDRESS,
  clearAttempts,
  refundAttempt,
  refundSourceAttempt,
  takeAttempt,
  takeSourceAttempt,
} from './attempt-throttle.ts';
import { countChallengeFailure, deleteSession } from './sessions.ts';
import {
  accountLocked,
  challengeVoid,
  codeBlank,
  codeInvalid,
  codeUsed,
  invalidCredentials,
  singleSignOnOnly,
  tooManyAttempts,
} from './sign-in-errors.ts';
import { replaceSession, startNextStep } from './step-up.ts';
import { CHALLENGE_MAX_FAILURES } from './throttle-policy.ts';

export const StepAnswer = Type.Object({
  step: Step,
  csrfToken: Type.String(),
  method: Type.Optional(Method),
  digits: Type.Optional(Type.Integer()),
  rememberDays: Type.Optional(
    Type.Integer({ description: 'On the code step: the days "Remember this device" lasts (absent: off).' }),
  ),
});

export function registerSignInRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  registerResendRoute(app, ctx);

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Check username and password; answers the next sign-in step.',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 256 }),
          password: Type.String({ minLength: 1, maxLength: 1024 }),
        }),
        response: { 200: StepAnswer, ...errors(400, 401, 403, 409, 423, 429, 503) },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const username = normaliseUsername(request.body.username);
      // A browser that signed in as this user before counts on its own; others count together.
      const source = await attemptSourceOf(ctx, request, username);
      const known = source.kind === 'device';
      const audit = { at: now, actor: username, target: username, ip: request.ip };
      // Both attempts are counted before the password is checked, and given back if it is right.
      // A known device cannot spray one password over many names (its token names one user),
      // so only untrusted clients count per address too.
      let wait = await takeSourceAttempt(ctx.db, source, now);
      if (wait === 0 && !known) {
        wait = await takeAttempt(ctx.db, ADDRESS, request.ip, now);
        if (wait > 0) await refundSourceAttempt(ctx.db, source, now);
      }
      if (wait > 0) {
        await writeRefusalAudit(ctx.db, {
          ...audit,
          event: 'sign_in.throttled',
          detail: { from: source.kind },
        });
        throw tooManyAttempts(Math.ceil(wait / 1000));
      }
      const user = await findUserByName(ctx.db, username);
      const passwordOk = await verifyPassword(user?.password_hash ?? null, request.body.password);
      if (!user || !passwordOk) {
        await writeAudit(ctx.db, {
          ...audit,
          event: 'sign_in.password_failed',
          detail: { from: source.kind, browser: browserName(request.headers['user-agent']) },
        });
        throw invalidCredentials();
      }
      await refundSourceAttempt(ctx.db, source, now);
      if (!known) await refundAttempt(ctx.db, ADDRESS, request.ip, now);
      if (user.locked_at !== null) {
        await writeAudit(ctx.db, { ...audit, event: 'sign_in.password_ok', detail: { refused: 'locked' } });
        throw accountLocked();
      }
      // SSO users are exempt from codes because their identity provider signs them in; a password
      // here (left from before a switch to SSO, or set by mistake) must not become a way around 2FA.
      if (user.source === 'sso') {
        await writeAudit(ctx.db, { ...audit, event: 'sign_in.password_ok', detail: { refused: 'sso' } });
        throw singleSignOnOnly();
      }
      const view = (await findUserView(ctx.db, user.id, now)) as UserView;
      const browser = browserName(request.headers['user-agent']);
      await writeAudit(ctx.db, { ...audit, event: 'sign_in.password_ok', detail: { browser } });
      const previous = sessionToken(ctx, request);
      // A browser the user chose to remember stands in for the code (audited as such), until it ends.
      if (await skipsSecondFactor(ctx, request, view)) {
        const previousHash = previous ? sha256Hex(previous) : undefined;
        const full = await replaceSession(ctx, reply, view, 'full', previousHash, source, now);
        await clearAttempts(ctx.db, source.key);
        return { step: 'signed-in' as const, csrfToken: full.csrfToken };
      }
      const answer = await startNextStep(
        ctx,
        request,
        reply,
        view,
        previous ? sha256Hex(previous) : undefined,
        source,
      );
      if (answer.step === 'signed-in') await clearAttempts(ctx.db, source.key);
      return answer;
    },
  );

  api.post(
    '/api/auth/code',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Answer the second-factor challenge with a code.',
        body: Type.Object({
          code: Code,
          remember: Type.Optional(
            Type.Boolean({ description: 'Remember this browser: it skips the code until it ends.' }),
          ),
        }),
        response: { 200: StepAnswer, ...errors(400, 401, 403, 410, 423, 429) },
      },
      preHandler: requireSession(ctx, { scopes: ['code'], challenge: true }),
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      const { remember } = request.body;
      if (user.method === 'email') return answerEmailCode(ctx, request, reply, request.body.code, remember);
      const now = ctx.clock.now();
      const subject = await loadSubject(ctx.db, user.username, now);
      if (!subject) throw challengeVoid();
      const source = sourceFromKey(session.attempt_source, user.username);
      const check = { db: ctx.db, box: ctx.box, now, actor: user.username, ip: request.ip, source };
      const outcome = await checkSecondFactor({ ...check, channel: 'sign_in' }, subject, request.body.code);
      switch (outcome.kind) {
        case 'accepted': {
          await rememberIfAsked(ctx, request, reply, user, remember);
          const full = await replaceSession(ctx, reply, user, 'full', session.id_hash, source, now);
          return { step: 'signed-in' as const, csrfToken: full.csrfToken };
        }
        case 'blank':
          throw codeBlank();
        case 'replayed':
          throw codeUsed();
        case 'locked':
          await deleteSession(ctx.db, session.id_hash);
          clearSessionCookie(ctx, reply);
          throw accountLocked();
        case 'throttled':
          throw tooManyAttempts(outcome.retryAfterSeconds);
        case 'not_enrolled':
          await deleteSession(ctx.db, session.id_hash);
          clearSessionCookie(ctx, reply);
          throw challengeVoid();
        case 'invalid': {
          const failures = await countChallengeFailure(ctx.db, session.id_hash);
          if (failures >= CHALLENGE_MAX_FAILURES) {
            await deleteSession(ctx.db, session.id_hash);
            clearSessionCookie(ctx, reply);
            await writeAudit(ctx.db, {
              ...check,
              at: check.now,
              event: 'sign_in.challenge_void',
              target: user.username,
            });
            throw challengeVoid();
          }
          throw codeInvalid();
        }
      }
    },
  );
}
