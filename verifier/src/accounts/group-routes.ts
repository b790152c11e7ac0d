import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { ApiError, notFound } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, Group as GroupSchema, IdParams } from '../http/schemas.ts';
import { findGroup, findGroupByName, type Group, listGroups } from './groups.ts';
import { refreshPendingSince } from './pending-since.ts';

const GroupName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^(?=.*\\S)[^\\u0000-\\u001f\\u007f]*$',
});
const groupExists = (name: string) =>
  new ApiError(409, 'group_exists', `A group named ${name} already exists.`);

async function uniqueName(ctx: AppContext, name: string, except?: number): Promise<string> {
  const trimmed = name.trim();
  const existing = await findGroupByName(ctx.db, trimmed);
  if (existing && existing.id !== except) throw groupExists(trimmed);
  return trimmed;
}

export const GroupWithCount = Type.Composite([GroupSchema, Type.Object({ memberCount: Type.Integer() })]);

export function registerAdminGroupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/groups',
    {
      schema: {
        tags: ['admin'],
        summary: 'Security access groups with member counts.',
        response: {
          200: Type.Object({ items: Type.Array(GroupWithCount) }),
          ...errors(401, 403),
        },
      },
      preHandler: guard,
    },
    async () => ({ items: await listGroups(ctx.db) }),
  );

  api.post(
    '/api/admin/groups',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create a custom group (2FA off until turned on).',
        body: Type.Object({ name: GroupName }, { additionalProperties: false }),
        response: { 201: GroupSchema, ...errors(400, 401, 403, 409) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const name = await uniqueName(ctx, request.body.name);
      const row = await ctx.db
        .insertInto('groups')
        .values({ name, is_default: 0, two_factor_enabled: 0, created_at: ctx.clock.now() })
        .onConflict((oc) => oc.column('name').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw groupExists(name);
      const group = (await findGroup(ctx.db, row.id)) as Group;
      await auditAdmin(ctx, request, 'group.created', name);
      return reply.status(201).send(group);
    },
  );

  api.patch(
    '/api/admin/groups/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Rename a custom group or switch its 2FA.',
        params: IdParams,
        body: Type.Object(
          { name: Type.Optional(GroupName), twoFactorEnabled: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: GroupSchema, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { id } = request.params;
      const group = await findGroup(ctx.db, id);
      if (!group) throw notFound('The group');
      const { name, twoFactorEnabled } = request.body;
      if (group.isDefault && name !== undefined && name.trim() !== group.name) {
        throw new ApiError(409, 'default_group', 'Default groups cannot be renamed.');
      }
      if (group.isDefault && twoFactorEnabled === false) {
        throw new ApiError(409, 'default_group', 'Default groups always allow 2FA; use the per-user switch.');
      }
      const values: { name?: string; two_factor_enabled?: number } = {};
      if (name !== undefined && !group.isDefault) values.name = await uniqueName(ctx, name, id);
      if (twoFactorEnabled !== undefined && !group.isDefault)
        values.two_factor_enabled = twoFactorEnabled ? 1 : 0;
      if (Object.keys(values).length > 0)
        await ctx.db.updateTable('groups').set(values).where('id', '=', id).execute();
      await refreshPendingSince(ctx.db, ctx.clock.now());
      const updated = (await findGroup(ctx.db, id)) as Group;
      await auditAdmin(ctx, request, 'group.updated', updated.name, { ...request.body });
      return updated;
    },
  );
}
