import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { accountLocked } from '../auth/sign-in-errors.ts';
import { StepAnswer } from '../auth/sign-in-routes.ts';
import { startNextStep } from '../auth/step-up.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { AppContext } from '../http/context.ts';
import { attemptSourceOf } from '../http/device-cookie.ts';
import { errors } from '../http/schemas.ts';
import { sessionToken } from '../http/session-guard.ts';
import { acceptInvitation, openInvitation } from './accept-invitation.ts';
import { INVITATION_TOKEN_PATTERN } from './invitation-link.ts';

// The token comes in the body (the page reads it from the link's fragment), never in a URL.
const Token = Type.String({ pattern: INVITATION_TOKEN_PATTERN, description: 'The token from the link.' });

export const OpenedInvitation = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  organisationName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** The invitation page's two calls: what the link is for, and choosing the password. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/invitations/open',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Who an invitation is for and until when; uses nothing up.',
        body: Type.Object({ token: Token }, { additionalProperties: false }),
        response: {
          200: OpenedInvitation,
          ...errors(400, 404),
        },
      },
    },
    async (request) => {
      const opened = await openInvitation(ctx.db, request.body.token, ctx.clock.now());
      return { ...opened, expiresAt: new Date(opened.expiresAt).toISOString() };
    },
  );

  api.post(
    '/api/invitations/accept',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Set the first password with an invitation; signs in at the password step.',
        body: Type.Object(
          { token: Token, password: Type.String({ maxLength: 1024 }) },
          { additionalProperties: false },
        ),
        response: { 200: StepAnswer, ...errors(400, 404, 423, 503) },
      },
    },
    async (request, reply) => {
      const now = ctx.clock.now();
      const user = await acceptInvitation(ctx.db, { ...request.body, now, ip: request.ip });
      if (user.locked) throw accountLocked();
      // From here on as after a right password: a code, the 2FA setup or signed in.
      const source = await attemptSourceOf(ctx, request, user.username);
      const previous = sessionToken(ctx, request);
      return startNextStep(ctx, request, reply, user, previous ? sha256Hex(previous) : undefined, source);
    },
  );
}
