import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAdmin } from '../http/admin-guard.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, RowId } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { sendInvitationsTo } from '../invitations/send-invitations.ts';
import { notifyUsers } from '../security-mail/notify-users.ts';
import { type BulkActionName, type BulkOutcome, bulkSummary, MAX_BULK_USERS } from './bulk-outcome.ts';
import { sendReminders } from './bulk-reminders.ts';
import { type BulkActor, enableTwoFactor, resetTwoFactor, selectedUsers } from './bulk-two-factor.ts';
import { noticesOf } from './factor-endings.ts';
import { UserFilterBody } from './user-list-schemas.ts';
import { matchingUserIds } from './user-listing.ts';
import { summariseUsers } from './user-summary.ts';

const Action = Type.Union([
  Type.Literal('enable-two-factor'),
  Type.Literal('reset-two-factor'),
  Type.Literal('remind'),
  Type.Literal('invite'),
]);

export const BulkBody = Type.Object(
  {
    action: Action,
    /** The users ticked on the page. */
    ids: Type.Optional(Type.Array(RowId, { minItems: 1, maxItems: MAX_BULK_USERS, uniqueItems: true })),
    /** Or every user matching the list's filter ("select all that match"). */
    filter: Type.Optional(UserFilterBody),
  },
  { additionalProperties: false },
);

const Skip = Type.Object({ username: Type.String(), code: Type.String(), message: Type.String() });
export const BulkAnswer = Type.Object({
  action: Action,
  summary: Type.String(),
  done: Type.Array(Type.String()),
  skipped: Type.Array(Skip),
  stopped: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

function actor(ctx: AppContext, request: FastifyRequest): BulkActor {
  return { username: signedIn(request).user.username, ip: request.ip, at: ctx.clock.now() };
}

/** The Users page's bulk actions on the ticked users or on every user the filter matches. */
export function registerBulkUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/api/admin/users/bulk',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Enable 2FA, reset 2FA (lost device), remind Pending users by e-mail or invite users without a password, for the given ids or every user matching a filter.',
        body: BulkBody,
        response: { 200: BulkAnswer, ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const { action, ids, filter } = request.body;
      if ((ids === undefined) === (filter === undefined))
        throw new ApiError(
          400,
          'invalid_request',
          "Give either 'ids' or 'filter', not both and not neither.",
        );
      const by = actor(ctx, request);
      const chosen = ids ?? (await matchingUserIds(ctx.db, filter ?? {}, by.at));
      if (chosen.length > MAX_BULK_USERS)
        throw new ApiError(
          400,
          'invalid_request',
          `The filter matches ${chosen.length} users; a bulk action takes at most ${MAX_BULK_USERS}. Narrow the filter.`,
        );
      const outcome = await run(ctx, action, chosen, by);
      if (action === 'reset-two-factor' && outcome.done.length > 0) {
        // As for one reset: each user is told, by e-mail, that an admin reset their 2FA.
        const reset = await ctx.db
          .selectFrom('users')
          .select('id')
          .where('id', 'in', chosen)
          .where('username', 'in', outcome.done)
          .execute();
        const kinds = noticesOf(['lost_device_reset']);
        void notifyUsers(
          { ...ctx, log: request.log },
          reset.map((user) => ({ userId: user.id, kinds })),
          {
            actor: by.username,
            ip: request.ip,
          },
        );
      }
      return { action, summary: bulkSummary(action, outcome), ...outcome };
    },
  );
}

async function run(
  ctx: AppContext,
  action: BulkActionName,
  ids: number[],
  by: BulkActor,
): Promise<BulkOutcome> {
  switch (action) {
    case 'enable-two-factor':
      return enableTwoFactor(ctx.db, ids, by);
    case 'reset-two-factor':
      return resetTwoFactor(ctx.db, ids, by);
    case 'remind':
      return sendReminders(ctx, ids, by);
    case 'invite': {
      const users = await selectedUsers(ctx.db, ids, by.at);
      const sent = await sendInvitationsTo(ctx, users, { actor: by.username, ip: by.ip });
      return {
        done: sent.sent.map((s) => s.username),
        skipped: sent.refused,
        ...(sent.stopped ? { stopped: sent.stopped } : {}),
      };
    }
  }
}

export const UserSummaryAnswer = Type.Object({
  byStatus: Type.Object({ Pending: Type.Integer(), Activated: Type.Integer(), Disabled: Type.Integer() }),
  total: Type.Integer(),
  pendingLonger: Type.Object({ days: Type.Integer(), count: Type.Integer() }),
});

/** System Settings' summary of the users by 2FA status. */
export function registerUserSummaryRoute(app: FastifyInstance, ctx: AppContext): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/admin/users/summary',
    {
      schema: {
        tags: ['admin'],
        summary:
          'How many users are Pending, Activated and Disabled, and how many are Pending longer than N days.',
        querystring: Type.Object(
          { pendingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, default: 7 })) },
          { additionalProperties: false },
        ),
        response: { 200: UserSummaryAnswer, ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => summariseUsers(ctx.db, request.query.pendingDays ?? 7, ctx.clock.now()),
  );
}
