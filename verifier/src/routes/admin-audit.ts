import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../audit/audit-log.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { requireAdmin } from './admin-guard.ts';
import { errors, Paging, paged } from './schemas.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.String(), Type.Null()]),
  event: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  repeats: Type.Integer({
    description: 'A summarised burst of refusals: how many more came after the first.',
  }),
  lastAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the last refusal of the burst came; null for a single entry.',
  }),
});

/** A date (whole day) or date-time; `to` given as a bare date includes that whole day. */
function parseDate(field: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new ApiError(400, 'invalid_request', `Field '${field}' must be an ISO date such as 2025-01-31.`);
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return field === 'to' && bareDate ? ms + 86_400_000 - 1 : ms;
}

export function registerAdminAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Audit log, newest first, filtered by user, event and dates.',
        querystring: Type.Object({
          user: Type.Optional(Type.String({ maxLength: 256 })),
          event: Type.Optional(Type.String({ maxLength: 64 })),
          from: Type.Optional(Type.String({ maxLength: 40 })),
          to: Type.Optional(Type.String({ maxLength: 40 })),
          ...Paging,
        }),
        response: { 200: paged(Entry), ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const { user, event, from, to, page = 1, pageSize = 25 } = request.query;
      const filter = {
        user: user || undefined,
        event: event || undefined,
        from: parseDate('from', from),
        to: parseDate('to', to),
      };
      return listAudit(ctx.db, filter, page, pageSize);
    },
  );
}
