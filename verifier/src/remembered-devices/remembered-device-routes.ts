import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { findUserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { notFound } from '../domain-error.ts';
import { requireAdmin } from '../http/admin-guard.ts';
import type { AppContext } from '../http/context.ts';
import { errors, IdParams } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { deviceAnswer, RememberedDeviceAnswer } from '../security/security-routes.ts';
import { listRememberedDevices, revokeRememberedDevice } from './remembered-device-store.ts';
import { rememberDays } from './remembered-sign-in.ts';

/** Edit user: the browsers a user chose to remember, each with Revoke. */
export function registerAdminRememberedDeviceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireAdmin(ctx);

  api.get(
    '/api/admin/users/:id/remembered-devices',
    {
      schema: {
        tags: ['admin'],
        summary: "A user's remembered devices (they skip the second factor until they end).",
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(RememberedDeviceAnswer) }),
          ...errors(401, 403, 404),
        },
      },
      preHandler: guard,
    },
    async (request) => {
      const now = ctx.clock.now();
      const user = await findUserView(ctx.db, request.params.id, now);
      if (!user) throw notFound('The user');
      const devices = await listRememberedDevices(ctx.db, user.id, now, await rememberDays(ctx));
      return { items: devices.map(deviceAnswer) };
    },
  );

  api.post(
    '/api/admin/users/:id/remembered-devices/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'Forget one remembered device of a user: its next sign-in asks for the code again.',
        params: IdParams,
        body: Type.Object(
          { ref: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const user = await findUserView(ctx.db, request.params.id, ctx.clock.now());
      if (!user) throw notFound('The user');
      // The revoke and its audit entry commit together.
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await revokeRememberedDevice(trx, user.id, request.body.ref))) throw notFound('The device');
        await writeAudit(trx, {
          at: ctx.clock.now(),
          actor: signedIn(request).user.username,
          event: 'device.revoked',
          target: user.username,
          ip: request.ip,
        });
      });
      return reply.status(204).send(null);
    },
  );
}
