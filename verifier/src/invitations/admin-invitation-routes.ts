import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findUserView } from '../accounts/users.ts';
import { requireAdmin } from '../http/admin-guard.ts';
import { notFound } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, IdParams } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { INVITATION_RESEND_MS } from './invitation-rules.ts';
import { pendingInvitation } from './invitation-store.ts';
import { type InvitationSent, type Sender, sendInvitation } from './send-invitation.ts';
import { countInvitees, sendInvitations } from './send-invitations.ts';

const Instant = Type.String({ format: 'date-time' });
export const Sent = Type.Object({ username: Type.String(), sentTo: Type.String(), expiresAt: Instant });
export const UserInvitation = Type.Object({
  pending: Type.Union([
    Type.Object({ sentTo: Type.String(), sentAt: Instant, expiresAt: Instant }),
    Type.Null(),
  ]),
  /** When "Send again" is allowed, when that is still ahead. */
  sendAgainAt: Type.Union([Instant, Type.Null()]),
});
export const InvitationCounts = Type.Object({ withoutPassword: Type.Integer(), withAddress: Type.Integer() });
export const BulkInvitations = Type.Object({
  sent: Type.Array(Sent),
  refused: Type.Array(Type.Object({ username: Type.String(), code: Type.String(), message: Type.String() })),
  stopped: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});
const iso = (at: number) => new Date(at).toISOString();
// The outbox path is the operator's business (it is logged), not the page's.
const sentView = (sent: InvitationSent) => ({
  username: sent.username,
  sentTo: sent.sentTo,
  expiresAt: iso(sent.expiresAt),
});

function sender(request: FastifyRequest): Sender {
  return { actor: signedIn(request).user.username, ip: request.ip };
}

function logOutbox(request: FastifyRequest, sent: InvitationSent) {
  if (sent.outboxPath)
    request.log.info({ outboxPath: sent.outboxPath }, 'invitation e-mail written to the outbox');
}

/** Edit user's "Send invitation" and the users page's "Send invitations" to all without a password. */
export function registerAdminInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/users/:id/invitation',
    {
      schema: {
        tags: ['admin'],
        summary: "The user's pending invitation, if any, and when another may be sent.",
        params: IdParams,
        response: {
          200: UserInvitation,
          ...errors(401, 403, 404),
        },
      },
      preHandler: guard,
    },
    async (request) => {
      const now = ctx.clock.now();
      if (!(await findUserView(ctx.db, request.params.id, now))) throw notFound('The user');
      const row = await pendingInvitation(ctx.db, request.params.id, now);
      if (!row) return { pending: null, sendAgainAt: null };
      const again = row.created_at + INVITATION_RESEND_MS;
      return {
        pending: { sentTo: row.sent_to, sentAt: iso(row.created_at), expiresAt: iso(row.expires_at) },
        sendAgainAt: again > now ? iso(again) : null,
      };
    },
  );

  api.post(
    '/api/admin/users/:id/invitation',
    {
      schema: {
        tags: ['admin'],
        summary: 'E-mail the user a one-time link to set a first password (voids an older one).',
        params: IdParams,
        response: { 201: Sent, ...errors(401, 403, 404, 409, 503) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const sent = await sendInvitation(ctx, request.params.id, sender(request));
      logOutbox(request, sent);
      return reply.status(201).send(sentView(sent));
    },
  );

  api.get(
    '/api/admin/invitations',
    {
      schema: {
        tags: ['admin'],
        summary: 'How many local users have no password, and how many of them have an e-mail address.',
        response: {
          200: InvitationCounts,
          ...errors(401, 403),
        },
      },
      preHandler: guard,
    },
    async () => countInvitees(ctx.db),
  );

  api.post(
    '/api/admin/invitations',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invite every local user without a password; each user at most once per 10 minutes.',
        response: {
          200: BulkInvitations,
          ...errors(401, 403),
        },
      },
      preHandler: guard,
    },
    async (request) => {
      const result = await sendInvitations(ctx, sender(request));
      for (const sent of result.sent) logOutbox(request, sent);
      return { ...result, sent: result.sent.map(sentView) };
    },
  );
}
