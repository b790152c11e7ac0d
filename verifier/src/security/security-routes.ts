import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { writeAudit } from '../audit/audit-log.ts';
import { reauthenticate } from '../auth/reauthenticate.ts';
import { notFound } from '../domain-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { clearSessionCookie, requireSession, signedIn } from '../http/session-guard.ts';
import { revokeRememberedDevice } from '../remembered-devices/remembered-device-store.ts';
import { rememberDays } from '../remembered-devices/remembered-sign-in.ts';
import { revokeSession, securityOverview, sessionRef } from './security-overview.ts';

const Instant = Type.String({ format: 'date-time' });
const iso = (ms: number) => new Date(ms).toISOString();

export const RememberedDeviceAnswer = Type.Object({
  ref: Type.String(),
  browser: Type.String(),
  ip: Type.String(),
  createdAt: Instant,
  lastUsedAt: Instant,
  expiresAt: Instant,
});

export const SecurityAnswer = Type.Object({
  method: Type.Union([Type.Literal('totp'), Type.Literal('email')]),
  twoFactorStatus: Type.String(),
  setUpAt: Type.Union([Instant, Type.Null()]),
  rememberDays: Type.Integer(),
  devices: Type.Array(RememberedDeviceAnswer),
  sessions: Type.Array(
    Type.Object({ ref: Type.String(), createdAt: Instant, expiresAt: Instant, current: Type.Boolean() }),
  ),
  signIns: Type.Array(
    Type.Object({
      at: Instant,
      ip: Type.Union([Type.String(), Type.Null()]),
      browser: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.String(),
    }),
  ),
});

/** Every change on the security page names what it changes and carries the current password. */
const Reauthenticated = Type.Object(
  {
    ref: Type.String({ minLength: 1, maxLength: 64 }),
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export function deviceAnswer(device: {
  ref: string;
  browser: string;
  ip: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}) {
  return {
    ...device,
    createdAt: iso(device.createdAt),
    lastUsedAt: iso(device.lastUsedAt),
    expiresAt: iso(device.expiresAt),
  };
}

/** The signed-in user's own security page: what protects the account, and Revoke behind the password. */
export function registerSecurityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const guard = requireSession(ctx, { scopes: ['full'] });

  const checkPassword = (request: FastifyRequest, password: string, purpose: string) => {
    const { session, user } = signedIn(request);
    return reauthenticate(ctx.db, {
      user,
      attemptSource: session.attempt_source,
      password,
      purpose,
      now: ctx.clock.now(),
      ip: request.ip,
    });
  };

  api.get(
    '/api/security',
    {
      schema: {
        tags: ['account'],
        summary: "The user's 2FA method, remembered devices, active sessions and last sign-ins.",
        response: { 200: SecurityAnswer, ...errors(401, 403) },
      },
      preHandler: guard,
    },
    async (request) => {
      const { session, user } = signedIn(request);
      const now = ctx.clock.now();
      const overview = await securityOverview(ctx.db, user, session.id_hash, now, await rememberDays(ctx));
      return {
        ...overview,
        setUpAt: overview.setUpAt === null ? null : iso(overview.setUpAt),
        devices: overview.devices.map(deviceAnswer),
        sessions: overview.sessions.map((s) => ({
          ...s,
          createdAt: iso(s.createdAt),
          expiresAt: iso(s.expiresAt),
        })),
        signIns: overview.signIns.map((s) => ({ ...s, at: iso(s.at) })),
      };
    },
  );

  api.post(
    '/api/security/devices/revoke',
    {
      schema: {
        tags: ['account'],
        summary: 'Forget one remembered device: its next sign-in asks for the code again.',
        body: Reauthenticated,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const { user } = signedIn(request);
      await checkPassword(request, request.body.currentPassword, 'revoke_device');
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await revokeRememberedDevice(trx, user.id, request.body.ref))) throw notFound('The device');
        await writeAudit(trx, {
          at: ctx.clock.now(),
          actor: user.username,
          event: 'device.revoked',
          target: user.username,
          ip: request.ip,
        });
      });
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/security/sessions/revoke',
    {
      schema: {
        tags: ['account'],
        summary: 'End one of your sessions (this one too: then you are signed out here).',
        body: Reauthenticated,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) },
      },
      preHandler: guard,
    },
    async (request, reply) => {
      const { session, user } = signedIn(request);
      await checkPassword(request, request.body.currentPassword, 'revoke_session');
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await revokeSession(trx, user.id, request.body.ref))) throw notFound('The session');
        await writeAudit(trx, {
          at: ctx.clock.now(),
          actor: user.username,
          event: 'session.revoked',
          target: user.username,
          ip: request.ip,
        });
      });
      if (request.body.ref === sessionRef(session.id_hash)) clearSessionCookie(ctx, reply);
      return reply.status(204).send(null);
    },
  );
}
