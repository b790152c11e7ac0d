import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../http/admin-guard.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, FilterText, Paging, paged } from '../http/schemas.ts';
import { listAudit } from './audit-log.ts';
import { AUDIT_EVENTS } from './events.ts';

/** Empty means any event; anything else must be a name the log records. */
const EventFilter = Type.String({ enum: ['', ...AUDIT_EVENTS] });

export const AuditQuery = Type.Object({
  user: Type.Optional(FilterText(256)),
  event: Type.Optional(EventFilter),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  ...Paging,
});

export const Entry = Type.Object({
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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** Whether the parts name a real day and time; Date.parse rolls 2025-02-30 over to March. */
function exists(parts: readonly number[]): boolean {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, zoneHour = 0, zoneMinute = 0] =
    parts;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const sameDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return sameDay && hour < 24 && minute < 60 && second < 60 && zoneHour < 24 && zoneMinute < 60;
}

/**
 * A day (2025-01-31) or an instant with its zone (2025-01-31T08:00:00Z); an instant without one would
 * depend on the server's time zone. `to` given as a day includes that whole day (UTC).
 */
function parseDate(field: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = (DATE.exec(value) ?? INSTANT.exec(value))?.slice(1).map((part) => Number(part ?? 0));
  if (!parts || !exists(parts)) {
    throw new ApiError(
      400,
      'invalid_request',
      `Field '${field}' must be a day such as 2025-01-31 or an instant with its zone such as 2025-01-31T08:00:00Z.`,
    );
  }
  const ms = Date.parse(value);
  return field === 'to' && DATE.test(value) ? ms + 86_400_000 - 1 : ms;
}

export function registerAdminAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'Audit log, newest first, filtered by user, event and dates.',
        querystring: AuditQuery,
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
