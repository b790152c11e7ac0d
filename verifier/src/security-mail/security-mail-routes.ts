import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { auditAdmin, requireAdmin } from '../http/admin-guard.ts';
import type { AppContext } from '../http/context.ts';
import { errors } from '../http/schemas.ts';
import { SECURITY_MAIL_KINDS, type SecurityMailKind } from './kinds.ts';
import { readSecurityMailSwitches, saveSecurityMailSwitches } from './security-mail-settings.ts';
import { settleNotices } from './send-security-notice.ts';
import { SECURITY_WORDING } from './wording.ts';

const Switches = Type.Object(
  {
    two_factor_set_up: Type.Optional(Type.Boolean()),
    two_factor_reset_by_admin: Type.Optional(Type.Boolean()),
    recovery_code_used: Type.Optional(Type.Boolean()),
    device_remembered: Type.Optional(Type.Boolean()),
    password_changed: Type.Optional(Type.Boolean()),
  } satisfies Record<SecurityMailKind, unknown>,
  { additionalProperties: false },
);

export const SecurityMailAnswer = Type.Object({
  kinds: Type.Array(
    Type.Object({
      kind: Type.String(),
      label: Type.String(),
      enabled: Type.Boolean(),
      subject: Type.String(),
      text: Type.String(),
    }),
  ),
});

async function answer(ctx: AppContext) {
  const switches = await readSecurityMailSwitches(ctx.db);
  return {
    kinds: SECURITY_MAIL_KINDS.map((kind) => ({ kind, enabled: switches[kind], ...SECURITY_WORDING[kind] })),
  };
}

/** The admin's switches for each kind of security e-mail, with the words each one says. */
export function registerSecurityMailRoutes(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  // Notices are sent after their action answered; the database must stay open until they are done.
  app.addHook('onClose', async () => settleNotices(ctx.mailer));

  api.get(
    '/api/admin/security-mail',
    {
      schema: {
        tags: ['admin'],
        summary: 'Each kind of security e-mail: whether it is sent, and its subject and text.',
        response: { 200: SecurityMailAnswer, ...errors(401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async () => answer(ctx),
  );

  api.patch(
    '/api/admin/security-mail',
    {
      schema: {
        tags: ['admin'],
        summary: 'Switch kinds of security e-mail on or off (any subset). Audited.',
        body: Switches,
        response: { 200: SecurityMailAnswer, ...errors(400, 401, 403) },
      },
      preHandler: requireAdmin(ctx),
    },
    async (request) => {
      const changed = await saveSecurityMailSwitches(ctx.db, request.body, ctx.clock.now());
      if (changed.length > 0) {
        const detail = Object.fromEntries(changed.map((kind) => [kind, request.body[kind]]));
        await auditAdmin(ctx, request, 'security_mail.settings_updated', null, detail);
      }
      return answer(ctx);
    },
  );
}
