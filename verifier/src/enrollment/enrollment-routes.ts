import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { codeBlank, enrollmentCodeInvalid } from '../auth/sign-in-errors.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { Code, errors } from '../http/schemas.ts';
import { clearSessionCookie, requireSession, signedIn } from '../http/session-guard.ts';
import { issueRecoveryCodes } from '../recovery-codes/issue-recovery-codes.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { readSettings } from '../settings/settings.ts';
import { normaliseCode } from '../verification/match-totp.ts';
import { confirmEnrollment, startEnrollment } from './enrollment.ts';

export const Offer = Type.Object({
  uri: Type.String(),
  secret: Type.String(),
  issuer: Type.String(),
  account: Type.String(),
  digits: Type.Integer(),
  period: Type.Integer(),
  algorithm: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

/**
 * Enrollment is for Pending authenticator users only: a signed-in Activated user cannot swap their
 * device silently.
 */
async function pendingUser(ctx: AppContext, request: FastifyRequest) {
  const { user } = signedIn(request);
  const fresh = await findUserView(ctx.db, user.id, ctx.clock.now());
  if (fresh?.twoFactorStatus !== 'Pending') {
    throw new ApiError(
      409,
      'not_pending',
      'Two-factor authentication is not waiting to be set up for this account.',
    );
  }
  // An e-mail user's setup is the code at their next sign-in; an authenticator here would be unused.
  if (fresh.method === 'email') {
    throw new ApiError(
      409,
      'email_method',
      'Your codes come by e-mail: sign in again and type the code we send to finish setting them up.',
    );
  }
  return fresh;
}

export function registerEnrollmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireSession(ctx, { scopes: ['setup', 'full'] });

  const offer = async (request: FastifyRequest, newKey: boolean) => {
    const user = await pendingUser(ctx, request);
    const now = ctx.clock.now();
    const { organisationName } = await readSettings(ctx.db);
    const started = await startEnrollment(ctx.db, ctx.box, user, organisationName, now, newKey);
    // A reload showing the same key is no event; a new key is, since the scanned one stops working.
    if (started.outcome !== 'resumed') {
      const event = started.outcome === 'replaced' ? 'enrollment.key_replaced' : 'enrollment.started';
      await writeAudit(ctx.db, {
        at: now,
        actor: user.username,
        event,
        target: user.username,
        ip: request.ip,
      });
    }
    return started.offer;
  };

  api.post(
    '/api/enrollment/start',
    {
      schema: {
        tags: ['enrollment'],
        summary:
          'The secret and QR code to scan: the pending one while it lives (30 minutes), so a reload shows the key already scanned; a new one otherwise.',
        response: { 200: Offer, ...errors(401, 403, 409) },
      },
      preHandler: guard,
    },
    (request) => offer(request, false),
  );

  api.post(
    '/api/enrollment/new-key',
    {
      schema: {
        tags: ['enrollment'],
        summary:
          'Replace the pending secret with a new one ("Show a new key"); the key already scanned stops working. Audited.',
        response: { 200: Offer, ...errors(401, 403, 409) },
      },
      preHandler: guard,
    },
    (request) => offer(request, true),
  );

  api.post(
    '/api/enrollment/confirm',
    {
      schema: {
        tags: ['enrollment'],
        summary:
          'Confirm the setup with a current code; answers the recovery codes (this once) and the session ends.',
        body: Type.Object({ code: Code }),
        response: {
          200: Type.Object({
            step: Type.Literal('signed-out'),
            recoveryCodes: Type.Array(Type.String(), {
              description: 'Ten single-use recovery codes, shown this once; only their hashes are kept.',
            }),
          }),
          ...errors(400, 401, 403, 409, 410),
        },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const user = await pendingUser(ctx, request);
      const code = normaliseCode(request.body.code);
      if (code === '') throw codeBlank();
      const now = ctx.clock.now();
      const { verificationWindow, organisationName } = await readSettings(ctx.db);
      const outcome = await confirmEnrollment(ctx.db, ctx.box, user.id, code, verificationWindow, now);
      if (outcome === 'expired') {
        throw new ApiError(
          410,
          'enrollment_expired',
          'The setup took longer than 30 minutes. Start again for a new QR code.',
        );
      }
      if (outcome === 'invalid') {
        throw enrollmentCodeInvalid(organisationName, user.username);
      }
      await deleteUserSessions(ctx.db, user.id);
      clearSessionCookie(ctx, reply);
      await writeAudit(ctx.db, {
        at: now,
        actor: user.username,
        event: 'enrollment.confirmed',
        target: user.username,
        ip: request.ip,
      });
      // A new authenticator gets a new set; any from an earlier setup were ended by the reset.
      const recoveryCodes = await issueRecoveryCodes(ctx.db, {
        userId: user.id,
        username: user.username,
        now,
        ip: request.ip,
        reason: 'setup',
      });
      void sendSecurityNotice({ ...ctx, log: request.log }, user, 'two_factor_set_up', { ip: request.ip });
      return { step: 'signed-out' as const, recoveryCodes };
    },
  );
}
