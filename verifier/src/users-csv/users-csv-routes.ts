import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { notifyUsers } from '../security-mail/notify-users.ts';
import { exportUsers, importNotices, importUsers } from './import-users.ts';
import { fileTooLarge, type ImportLimit, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './index.ts';

/**
 * The file's own limit is checked in bytes while it is read; the body may be a quarter larger, as JSON
 * writes each quote and line break of the file as two characters.
 */
const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES + MAX_IMPORT_BYTES / 4;

const refusedForSize = (limit: ImportLimit) => new ApiError(413, limit.code, limit.message);

const Value = Type.Union([Type.String(), Type.Boolean()]);

export const ImportAnswer = Type.Object({
  applied: Type.Boolean(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  creates: Type.Array(
    Type.Object({
      row: Type.Integer(),
      username: Type.String(),
      email: Type.String(),
      displayName: Type.String(),
      group: Type.String(),
      source: Type.String(),
      twoFactorEnabled: Type.Boolean(),
    }),
  ),
  updates: Type.Array(
    Type.Object({
      row: Type.Integer(),
      username: Type.String(),
      changes: Type.Array(Type.Object({ field: Type.String(), from: Value, to: Value })),
    }),
  ),
  ignoredColumns: Type.Array(Type.String()),
});

/** Bulk CSV: export every user; import with a dry-run preview, all or nothing. */
export function registerAdminUsersCsvRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/users/export',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Every user as CSV (UTF-8 with BOM, CRLF); "2FA Enabled" is y or n, then the read-only "2FA Status".',
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors(401, 403) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const { csv, count } = await exportUsers(ctx.db, ctx.clock.now());
      await auditAdmin(ctx, request, 'users.exported', null, { count });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="users.csv"')
        .send(csv);
    },
  );

  api.post(
    '/api/admin/users/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // A body over the limit is refused from its Content-Length (or once that many bytes came), unread.
      errorHandler(error: FastifyError) {
        throw error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? refusedForSize(fileTooLarge) : error;
      },
      schema: {
        tags: ['admin'],
        summary: `Create and update users from CSV in one transaction. With dryRun, only shows what would change. Any bad row rejects the file (400 invalid_csv with every row and reason) and nothing changes. A file over ${MAX_IMPORT_BYTES / 1024 / 1024} MiB or ${MAX_IMPORT_ROWS.toLocaleString('en')} rows is refused whole (413 file_too_large or too_many_rows).`,
        body: Type.Object(
          { csv: Type.String(), dryRun: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: ImportAnswer, ...errors(400, 401, 403, 413) },
      },
      preHandler: guard,
    },
    async (request) => {
      const dryRun = request.body.dryRun === true;
      const audit = { at: ctx.clock.now(), actor: signedIn(request).user.username, ip: request.ip };
      const result = await importUsers(ctx.db, request.body.csv, { dryRun, audit });
      if (!result.ok && 'exceeded' in result) throw refusedForSize(result.exceeded);
      if (!result.ok) {
        const count = result.errors.length;
        throw new ApiError(
          400,
          'invalid_csv',
          `The file has ${count} problem${count === 1 ? '' : 's'}; nothing was imported. Fix the rows listed and try again.`,
          { errors: result.errors },
        );
      }
      const { plan, groupNames } = result;
      if (result.applied) {
        void notifyUsers({ ...ctx, log: request.log }, importNotices(plan), {
          actor: audit.actor,
          ip: request.ip,
        });
      }
      return {
        applied: result.applied,
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged.length,
        creates: plan.creates.map(({ row, username, fields }) => ({
          row,
          username,
          email: fields.email,
          displayName: fields.displayName,
          group: groupNames.get(fields.groupId) ?? '',
          source: fields.source,
          twoFactorEnabled: fields.twoFactorEnabled,
        })),
        updates: plan.updates.map(({ row, username, changes }) => ({ row, username, changes: [...changes] })),
        ignoredColumns: [...result.ignoredColumns],
      };
    },
  );
}
