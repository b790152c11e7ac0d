import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { writeAudit } from '../audit/audit-log.ts';
import { sourceFromKey } from '../auth/attempt-source.ts';
import { revokeDevices } from '../auth/device-tokens.ts';
import { reauthenticate } from '../auth/reauthenticate.ts';
import { deleteSession } from '../auth/sessions.ts';
import { samePassword, weakPassword } from '../auth/sign-in-errors.ts';
import { startNextStep } from '../auth/step-up.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../crypto/passwords.ts';
import type { AppContext } from '../http/context.ts';
import { errors, Method, Status, Step, User } from '../http/schemas.ts';
import { ALL_SCOPES, clearSessionCookie, requireSession, signedIn } from '../http/session-guard.ts';
import { forgetRememberedDevices } from '../remembered-devices/remembered-device-store.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { readSettings } from '../settings/settings.ts';
import { findUserView, type UserView } from './users.ts';

export const MeAnswer = Type.Object({
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    email: Type.String(),
    group: User.properties.group,
    isAdmin: Type.Boolean(),
    source: User.properties.source,
    twoFactorStatus: Status,
    twoFactorReason: User.properties.twoFactorReason,
    method: Method,
    mustChangePassword: Type.Boolean(),
  }),
  scope: Type.Union([
    Type.Literal('full'),
    Type.Literal('setup'),
    Type.Literal('code'),
    Type.Literal('change-password'),
  ]),
  csrfToken: Type.String(),
  organisationName: Type.String(),
});

/** Current user, password change (continues sign-in) and sign-out. */
export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/me',
    {
      schema: {
        tags: ['account'],
        summary: 'The signed-in user.',
        response: { 200: MeAnswer, ...errors(401) },
      },
      preHandler: requireSession(ctx, { scopes: ALL_SCOPES }),
    },
    async (request) => {
      const { session, user } = signedIn(request);
      const settings = await readSettings(ctx.db);
      return {
        user,
        scope: session.scope,
        csrfToken: session.csrf_token,
        organisationName: settings.organisationName,
      };
    },
  );

  api.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Change the password; answers the next sign-in step.',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
          newPassword: Type.String({ maxLength: 1024 }),
        }),
        response: {
          200: Type.Object({ step: Step, csrfToken: Type.String() }),
          ...errors(400, 401, 403, 429),
        },
      },
      preHandler: requireSession(ctx, { scopes: ['change-password', 'full'] }),
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      const { currentPassword, newPassword } = request.body;
      if (newPassword.length < MIN_PASSWORD_LENGTH) throw weakPassword();
      const now = ctx.clock.now();
      const source = sourceFromKey(session.attempt_source, user.username);
      await reauthenticate(ctx.db, {
        user,
        attemptSource: session.attempt_source,
        password: currentPassword,
        purpose: 'change_password',
        now,
        ip: request.ip,
      });
      // Checked once the current password is proven: keeping it would defeat a change an admin asked for.
      if (newPassword === currentPassword) throw samePassword();
      const hash = await hashPassword(newPassword);
      // The new password, its audit entry and the end of every other session and remembered
      // browser land together: a fault half-way must not leave an old session alive on a new password.
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: hash, must_change_password: 0 })
          .where('id', '=', user.id)
          .execute();
        await writeAudit(trx, {
          at: now,
          actor: user.username,
          event: 'password.changed',
          target: user.username,
          ip: request.ip,
        });
        // A new password ends every other session of this user, and every browser must sign in
        // again to be a known device (this one is remembered anew when its session becomes full).
        await trx
          .deleteFrom('sessions')
          .where('user_id', '=', user.id)
          .where('id_hash', '!=', session.id_hash)
          .execute();
        await revokeDevices(trx, user.id);
        await forgetRememberedDevices(trx, user.id);
      });
      void sendSecurityNotice({ ...ctx, log: request.log }, user, 'password_changed', { ip: request.ip });
      const fresh = (await findUserView(ctx.db, user.id, ctx.clock.now())) as UserView;
      // A full session stays full; a first sign-in continues with the 2FA step.
      const next = session.scope === 'full' ? { ...fresh, twoFactorStatus: 'Disabled' as const } : fresh;
      const answer = await startNextStep(
        ctx,
        request,
        reply,
        next,
        session.id_hash,
        source,
        session.second_factor_at,
      );
      return { step: answer.step, csrfToken: answer.csrfToken };
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['sign-in'],
        summary: 'Sign out.',
        response: { 204: Type.Null(), ...errors(401, 403) },
      },
      preHandler: requireSession(ctx, { scopes: ALL_SCOPES }),
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      await deleteSession(ctx.db, session.id_hash);
      clearSessionCookie(ctx, reply);
      await writeAudit(ctx.db, {
        at: ctx.clock.now(),
        actor: user.username,
        event: 'sign_out',
        target: user.username,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
}
