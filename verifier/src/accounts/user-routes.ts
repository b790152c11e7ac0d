import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { clearEmailSendLimit } from '../email-code/clear-limit.ts';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { notFound } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, IdParams, Method, Paging, paged, RowId, User } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { notifyUsers } from '../security-mail/notify-users.ts';
import { endedDetail, noticesOf } from './factor-endings.ts';
import { MAX_DISPLAY_NAME_LENGTH, MAX_USERNAME_LENGTH } from './identity-rules.ts';
import { createUser, unlockUser, updateUser } from './user-admin.ts';
import { UserFilterQuery, UserSortQuery } from './user-list-schemas.ts';
import { listUsers } from './user-listing.ts';
import { findUserView } from './users.ts';

const Source = Type.Union([Type.Literal('local'), Type.Literal('sso')]);
// The identity rules decide in createUser and updateUser, as for the CSV import and the command line,
// with the same reasons; the schemas only bound the work and describe the rules.
const Identity = (description: string) => Type.String({ maxLength: 1024, description });
const Username = Identity(`1 to ${MAX_USERNAME_LENGTH} letters, digits and . _ @ -; stored lower-case.`);
const Email = Identity('An address mail can be sent to, or empty.');
const DisplayName = Identity(`Up to ${MAX_DISPLAY_NAME_LENGTH} characters without control characters.`);
const Password = Type.String({ maxLength: 1024 });

const editable = {
  email: Type.Optional(Email),
  displayName: Type.Optional(DisplayName),
  groupId: Type.Optional(RowId),
  source: Type.Optional(Source),
  twoFactorEnabled: Type.Optional(Type.Boolean()),
  method: Type.Optional(Method),
  password: Type.Optional(Password),
  mustChangePassword: Type.Optional(Type.Boolean()),
};

export const UserChangesBody = Type.Object(editable, { additionalProperties: false });

export const NewUserBody = Type.Object(
  {
    ...editable,
    username: Username,
    email: Email,
    displayName: DisplayName,
    groupId: RowId,
    source: Source,
  },
  { additionalProperties: false },
);

/** Field names changed by a request, for the audit log (values may be personal or secret). */
const changedFields = (body: object) =>
  Object.keys(body)
    .filter((k) => k !== 'password')
    .concat('password' in body ? ['password'] : []);

export function registerAdminUserRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Users, searched by username, name or e-mail, filtered by 2FA status, group, sign-in source or a missing password, and sorted by any column.',
        querystring: Type.Object(
          { ...UserFilterQuery, ...UserSortQuery, ...Paging },
          { additionalProperties: false },
        ),
        response: { 200: paged(User), ...errors(400, 401, 403) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { sort = 'username', order = 'asc', page = 1, pageSize = 25, ...filter } = request.query;
      return listUsers(ctx.db, filter, { sort, order }, page, pageSize, ctx.clock.now());
    },
  );

  api.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a user.',
        body: NewUserBody,
        response: { 201: User, ...errors(400, 401, 403, 409) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const user = await createUser(ctx.db, request.body, ctx.clock.now());
      await auditAdmin(ctx, request, 'user.created', user.username, {
        group: user.group.name,
        source: user.source,
      });
      return reply.status(201).send(user);
    },
  );

  api.get(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'One user.',
        params: IdParams,
        response: { 200: User, ...errors(401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request) => {
      const user = await findUserView(ctx.db, request.params.id, ctx.clock.now());
      if (!user) throw notFound('The user');
      return user;
    },
  );

  api.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Change a user; turning 2FA off is the lost-device reset (credential, sessions and known browsers end).',
        params: IdParams,
        body: UserChangesBody,
        response: { 200: User, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { user, twoFactorReset, ended, actions } = await updateUser(
        ctx.db,
        request.params.id,
        request.body,
        ctx.clock.now(),
      );
      await auditAdmin(ctx, request, 'user.updated', user.username, {
        fields: changedFields(request.body),
        ...endedDetail(ended),
      });
      if (twoFactorReset) await auditAdmin(ctx, request, 'user.two_factor_reset', user.username);
      // Told to the user by e-mail after the answer, whether or not the mail goes out (ASVS 6.3.7).
      void notifyUsers({ ...ctx, log: request.log }, [{ userId: user.id, kinds: noticesOf(actions) }], {
        actor: signedIn(request).user.username,
        ip: request.ip,
      });
      return user;
    },
  );

  api.post(
    '/api/admin/users/:id/unlock',
    {
      schema: {
        tags: ['admin'],
        summary: 'Clear the lock and failure counters.',
        params: IdParams,
        response: { 200: User, ...errors(401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request) => {
      const user = await unlockUser(ctx.db, request.params.id, ctx.clock.now());
      await auditAdmin(ctx, request, 'account.unlocked', user.username);
      return user;
    },
  );

  api.post(
    '/api/admin/users/:id/clear-email-limit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Clear the hourly limits on e-mailed codes, so the user can have a code at once.',
        params: IdParams,
        response: { 200: User, ...errors(401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request) => {
      const user = await findUserView(ctx.db, request.params.id, ctx.clock.now());
      if (!user) throw notFound('The user');
      const cleared = await clearEmailSendLimit(ctx.db, user.id);
      await auditAdmin(ctx, request, 'account.email_limit_cleared', user.username, { cleared });
      return user;
    },
  );
}
