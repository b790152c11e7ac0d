import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MAX_VERIFICATION_WINDOW, readSettings, updateSettings } from '../accounts/settings.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { auditAdmin, requireAdmin } from './admin-guard.ts';
import { errors, Method } from './schemas.ts';

const SettingsAnswer = Type.Object({
  twoFactorEnabled: Type.Boolean(),
  organisationName: Type.String(),
  verificationWindow: Type.Integer(),
  methods: Type.Array(Method),
  organisationCreatedAt: Type.String({ format: 'date-time' }),
});

export function registerAdminSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'System settings.',
        response: { 200: SettingsAnswer, ...errors(401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async () => readSettings(ctx.db),
  );

  api.patch(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change system settings (any subset).',
        body: Type.Object(
          {
            twoFactorEnabled: Type.Optional(Type.Boolean()),
            organisationName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            verificationWindow: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_VERIFICATION_WINDOW })),
            methods: Type.Optional(Type.Array(Method, { minItems: 1, maxItems: 2 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SettingsAnswer, ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const change = { ...request.body };
      if (change.organisationName !== undefined) {
        change.organisationName = change.organisationName.trim();
        // The issuer goes into otpauth labels, where ':' separates issuer from account.
        if (change.organisationName.includes(':')) {
          throw new ApiError(400, 'invalid_request', "Field 'organisationName' must not contain ':'.");
        }
      }
      const settings = await updateSettings(ctx.db, change);
      await auditAdmin(ctx, request, 'settings.updated', null, { ...change });
      return settings;
    },
  );
}
