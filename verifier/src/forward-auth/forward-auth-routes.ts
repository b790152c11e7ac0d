import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findUserView, type UserView } from '../accounts/users.ts';
import { writeRefusalAudit } from '../audit/audit-log.ts';
import { findSession } from '../auth/sessions.ts';
import { DomainError } from '../domain-error.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { sessionToken } from '../http/session-guard.ts';
import { decideAccess, passedEveryStep } from './access.ts';
import { originalRequest } from './original-request.ts';
import { checkReturnTarget } from './return-target.ts';
import type { ForwardAuthSettings } from './settings.ts';

const forwardAuthOff = () =>
  new DomainError(
    'not_found',
    'forward_auth_off',
    'Forward-auth is off: set FORWARD_AUTH_DOMAINS and FORWARD_AUTH_SIGN_IN_URL to protect applications.',
  );

function settingsOf(ctx: AppContext): ForwardAuthSettings {
  if (!ctx.forwardAuth) throw forwardAuthOff();
  return ctx.forwardAuth;
}

/**
 * GET /api/forward-auth, the sub-request of nginx `auth_request`, Traefik ForwardAuth and Caddy
 * `forward_auth`; and the return-target check the sign-in page asks before it leaves for an app.
 * Allowed sub-requests are not audited (one per page and asset of every protected app); refusals
 * by an application's rule are, summarised per burst.
 */
export function registerForwardAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/forward-auth',
    {
      schema: {
        tags: ['forward-auth'],
        summary: "A reverse proxy's sub-request: 200 with Remote-* headers for a full session.",
        response: {
          200: Type.String({
            description: 'Allowed: the Remote-* headers name the user; the body is empty.',
          }),
          302: Type.Null({ description: 'A browser behind Traefik or Caddy: to the sign-in page.' }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const settings = settingsOf(ctx);
      const now = ctx.clock.now();
      const token = sessionToken(ctx, request);
      const session = token ? await findSession(ctx.db, token) : undefined;
      let user: UserView | undefined;
      if (session && session.scope === 'full' && session.expires_at > now) {
        const view = await findUserView(ctx.db, session.user_id, now);
        if (view && passedEveryStep(session, view, now)) user = view;
      }
      const original = originalRequest(request.headers);
      const access = decideAccess(settings, original, user);
      switch (access.kind) {
        case 'allowed':
          return reply.status(200).headers(access.headers).send('');
        case 'sign_in':
          if (access.redirect) return reply.redirect(access.location, 302);
          // nginx hands a 401 to its error_page, which redirects to this header (auth_request_set).
          reply.header('location', access.location);
          throw new ApiError(401, 'not_signed_in', 'Sign in first.', { signInUrl: access.location });
        case 'refused': {
          const who = user as UserView;
          if (access.reason === 'unknown_app') {
            throw new ApiError(
              403,
              'app_not_protected',
              'The proxy asked about an address outside FORWARD_AUTH_DOMAINS (or sent no X-Original-URL or X-Forwarded-Host).',
            );
          }
          await writeRefusalAudit(ctx.db, {
            at: now,
            actor: who.username,
            event: 'forward_auth.refused',
            target: access.host as string,
            ip: request.ip,
            detail: { group: who.group.name },
          });
          throw new ApiError(
            403,
            'app_forbidden',
            `Your group (${who.group.name}) may not open this application.`,
          );
        }
      }
    },
  );

  api.get(
    '/api/forward-auth/return-target',
    {
      schema: {
        tags: ['forward-auth'],
        summary: 'Whether the sign-in page may send the browser to `rd` (a protected application).',
        querystring: Type.Object({ rd: Type.String({ maxLength: 4096 }) }),
        response: { 200: Type.Object({ target: Type.String() }), ...errors(400, 404) },
      },
    },
    async (request) => {
      const target = checkReturnTarget(request.query.rd, settingsOf(ctx).domains);
      if (target === null) {
        throw new DomainError(
          'invalid',
          'return_target_refused',
          'This return address is not one of the protected applications.',
        );
      }
      return { target };
    },
  );
}
