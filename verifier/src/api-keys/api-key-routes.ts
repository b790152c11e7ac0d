import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { notFound } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, IdParams } from '../http/schemas.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
/** A new key: the only answer that holds the key itself. */
export const NewApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  key: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ApiKey = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
  revokedAt: Nullable(Type.String({ format: 'date-time' })),
});

export function registerAdminApiKeyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'API keys (never the keys themselves).',
        response: { 200: Type.Object({ items: Type.Array(ApiKey) }), ...errors(401, 403) },
      },
      preHandler: guard,
    },
    async () => ({ items: await listApiKeys(ctx.db) }),
  );

  api.post(
    '/api/admin/api-keys',
    {
      schema: {
        tags: ['admin'],
        summary: 'Issue an API key; the key is shown in this answer only.',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
          { additionalProperties: false },
        ),
        response: {
          201: NewApiKey,
          ...errors(400, 401, 403),
        },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const created = await createApiKey(ctx.db, request.body.name.trim(), ctx.clock.now());
      await auditAdmin(ctx, request, 'api_key.created', created.name, { prefix: created.prefix });
      return reply.status(201).send(created);
    },
  );

  api.delete(
    '/api/admin/api-keys/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key.',
        params: IdParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const name = await revokeApiKey(ctx.db, request.params.id, ctx.clock.now());
      if (name === undefined) throw notFound('The API key');
      await auditAdmin(ctx, request, 'api_key.revoked', name);
      return reply.status(204).send(null);
    },
  );
}
