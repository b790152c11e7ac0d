import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { normaliseUsername } from '../accounts/users.ts';
import { ApiError } from '../http/api-error.ts';
import { bearerToken } from '../http/bearer-token.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { parseRecoveryCode } from '../recovery-codes/recovery-code-format.ts';
import { verifyWithRecoveryCode } from '../recovery-codes/verify-with-recovery-code.ts';
import { Reason } from './verify-answer.ts';
import { verifyInSteps } from './verify-in-steps.ts';
import { verifyOnPostgres } from './verify-on-postgres.ts';

const invalidApiKey = () => new ApiError(401, 'invalid_api_key', 'Send a valid API key as a bearer token.');

/** Third-party check of a user's code, with the same replay and throttling rules as sign-in. */
export function registerVerifyApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // The same rules either way; PostgreSQL runs them server-side to save round trips.
  const verify = ctx.dialect === 'postgres' ? verifyOnPostgres : verifyInSteps;

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
          allowRecoveryCode: Type.Optional(
            Type.Boolean({
              description:
                "Also accept one of the user's recovery codes (single use; the user is e-mailed). Off unless asked.",
            }),
          ),
        }),
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            reason: Type.Optional(Reason),
            recoveryCodesLeft: Type.Optional(
              Type.Integer({
                description: 'Set when a recovery code was accepted: how many the user has left.',
              }),
            ),
          }),
          ...errors(400, 401),
        },
      },
    },
    async (request) => {
      const presentedKey = bearerToken(request);
      if (!presentedKey) throw invalidApiKey();
      const { username, code, allowRecoveryCode } = request.body;
      const question = {
        presentedKey,
        username: normaliseUsername(username),
        code,
        ip: request.ip,
        now: ctx.clock.now(),
      };
      // Only when the application asks, and only for text shaped as a recovery code: an authenticator
      // code (digits) takes the ordinary path with its answers unchanged.
      const answer =
        allowRecoveryCode === true && parseRecoveryCode(code) !== null
          ? await verifyWithRecoveryCode({ ...ctx, log: request.log }, question)
          : await verify(ctx, question);
      if (!answer) throw invalidApiKey();
      return answer;
    },
  );
}
