import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { refreshPendingSince } from '../accounts/pending-since.ts';
import { checkSystemSwitchChange } from '../grace/index.ts';
import { extendGracePeriod } from '../grace/save-extension.ts';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { errors, Method } from '../http/schemas.ts';
import { signedIn } from '../http/session-guard.ts';
import { REMEMBER_DAYS_MAX } from '../remembered-devices/remember-rules.ts';
import { graceOf, MAX_VERIFICATION_WINDOW, readSettings, settingsView, updateSettings } from './settings.ts';

export const SettingsAnswer = Type.Object({
  twoFactorEnabled: Type.Boolean({ description: 'The system switch as it acts: on once 2FA is mandatory.' }),
  twoFactorLocked: Type.Boolean({
    description: 'True once the grace period is over: the switch cannot be turned off.',
  }),
  organisationName: Type.String(),
  verificationWindow: Type.Integer(),
  methods: Type.Array(Method),
  organisationCreatedAt: Type.String({ format: 'date-time' }),
  graceEndsAt: Type.String({ format: 'date-time' }),
  graceDaysLeft: Type.Integer(),
  graceExtended: Type.Boolean(),
  mandatory: Type.Boolean(),
  rememberDeviceDays: Type.Integer({
    description: 'Days a remembered device skips the second factor (1-30); 0: users cannot remember devices.',
  }),
});

export function registerAdminSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'System settings, with the grace period before 2FA becomes mandatory.',
        response: { 200: SettingsAnswer, ...errors(401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async () => settingsView(await readSettings(ctx.db), ctx.clock.now()),
  );

  api.patch(
    '/api/admin/settings',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Change system settings (any subset). The 2FA switch cannot be turned off once 2FA is mandatory.',
        body: Type.Object(
          {
            twoFactorEnabled: Type.Optional(Type.Boolean()),
            organisationName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' })),
            verificationWindow: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_VERIFICATION_WINDOW })),
            methods: Type.Optional(Type.Array(Method, { minItems: 1, maxItems: 2 })),
            rememberDeviceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: REMEMBER_DAYS_MAX })),
          },
          { additionalProperties: false },
        ),
        response: { 200: SettingsAnswer, ...errors(400, 401, 403, 409) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const now = ctx.clock.now();
      const change = { ...request.body };
      if (change.organisationName !== undefined) {
        change.organisationName = change.organisationName.trim();
        // The issuer goes into otpauth labels, where ':' separates issuer from account.
        if (change.organisationName.includes(':')) {
          throw new ApiError(400, 'invalid_request', "Field 'organisationName' must not contain ':'.");
        }
      }
      if (change.twoFactorEnabled !== undefined) {
        const check = checkSystemSwitchChange(
          change.twoFactorEnabled,
          graceOf(await readSettings(ctx.db), now),
        );
        if (!check.ok) throw new ApiError(409, check.code, check.message);
      }
      const actor = { at: now, actor: signedIn(request).user.username, ip: request.ip };
      const settings = await updateSettings(ctx.db, change, actor);
      await refreshPendingSince(ctx.db, now);
      await auditAdmin(ctx, request, 'settings.updated', null, { ...change });
      return settingsView(settings, now);
    },
  );

  api.post(
    '/api/admin/settings/grace',
    {
      schema: {
        tags: ['admin'],
        summary: 'Extend the grace period to a later date (YYYY-MM-DD, UTC, or an ISO date-time).',
        body: Type.Object(
          { graceEndsAt: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: { 200: SettingsAnswer, ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const { from, settings } = await extendGracePeriod(ctx, request.body.graceEndsAt);
      await refreshPendingSince(ctx.db, ctx.clock.now());
      await auditAdmin(ctx, request, 'settings.grace_extended', null, {
        from,
        to: settings.graceExtendedUntil,
      });
      return settingsView(settings, ctx.clock.now());
    },
  );
}
