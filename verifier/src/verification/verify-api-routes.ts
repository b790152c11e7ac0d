import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { normaliseUsername } from '../accounts/users.ts';
import { noteApiKeyUse } from '../api-keys/api-keys.ts';
import { writeAudit, writeRefusalAudit } from '../audit/audit-log.ts';
import { apiKeySource } from '../auth/attempt-source.ts';
import { takeSourceAttempt } from '../auth/attempt-throttle.ts';
import { ApiError } from '../http/api-error.ts';
import { bearerToken } from '../http/bearer-token.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import { loadVerifyRequest } from './verify-request.ts';

/**
 * The reasons an answer can give. A user without an Activated authenticator is answered as a wrong code
 * (the audit log says `not_enrolled`), so there is no reason that tells such a user from an unknown name.
 */
const Reason = Type.Union([
  Type.Literal('invalid_code'),
  Type.Literal('replayed'),
  Type.Literal('locked'),
  Type.Literal('throttled'),
]);
type Reason = 'invalid_code' | 'replayed' | 'locked' | 'throttled';

const invalidApiKey = () => new ApiError(401, 'invalid_api_key', 'Send a valid API key as a bearer token.');

/** Third-party check of a user's code, with the same replay and throttling rules as sign-in. */
export function registerVerifyApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/api/v1/verify',
    {
      schema: {
        tags: ['third-party'],
        summary: "Check a user's current code.",
        security: [{ apiKey: [] }],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 256 }),
          code: Type.String({ maxLength: 32 }),
        }),
        response: {
          200: Type.Object({ ok: Type.Boolean(), reason: Type.Optional(Reason) }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const presented = bearerToken(request);
      if (!presented) throw invalidApiKey();
      const now = ctx.clock.now();
      const username = normaliseUsername(request.body.username);
      // One query: the key (unless revoked) with the user, credential, delays and settings.
      const state = await loadVerifyRequest(ctx.db, presented, username, now);
      if (!state) throw invalidApiKey();
      await noteApiKeyUse(ctx.db, { id: state.apiKey.id, last_used_at: state.apiKey.lastUsedAt }, now);
      const actor = `api:${state.apiKey.name}`;
      /** `reason` is the answer; the audit log may say more (`why`). */
      const refuse = async (reason: Reason, why: string = reason) => {
        await writeAudit(ctx.db, {
          at: now,
          actor,
          event: 'api.verify_failed',
          target: username,
          ip: request.ip,
          detail: { reason: why },
        });
        return { ok: false, reason };
      };
      const user = state.subject;
      // An application's checks count on their own: a stranger's guesses elsewhere never delay it.
      const source = apiKeySource(username, state.apiKey.id);
      if (user?.status !== 'Activated' || user.method !== 'totp' || user.credential === null) {
        // Unknown names, users without a credential and e-mail users (whose codes this API cannot
        // check) answer like a wrong code through the same delay, so the answers cannot tell whether a
        // username exists, has 2FA set up or which method it uses.
        if ((await takeSourceAttempt(ctx.db, source, now)) > 0) {
          await writeRefusalAudit(ctx.db, {
            at: now,
            actor,
            event: 'api.verify_failed',
            target: username,
            ip: request.ip,
            detail: { reason: 'throttled' },
          });
          return { ok: false, reason: 'throttled' as const };
        }
        return refuse('invalid_code', user ? 'not_enrolled' : 'invalid_code');
      }
      const outcome = await checkSecondFactor(
        { db: ctx.db, box: ctx.box, now, actor, ip: request.ip, channel: 'api', source },
        user,
        request.body.code,
      );
      switch (outcome.kind) {
        case 'accepted':
          return { ok: true };
        case 'blank':
        case 'invalid':
          return outcome.kind === 'blank'
            ? refuse('invalid_code')
            : { ok: false, reason: 'invalid_code' as const };
        case 'replayed':
          return { ok: false, reason: 'replayed' as const };
        case 'locked':
          return { ok: false, reason: 'locked' as const };
        case 'throttled':
          return { ok: false, reason: 'throttled' as const };
        case 'not_enrolled':
          return refuse('invalid_code', 'not_enrolled');
      }
    },
  );
}
