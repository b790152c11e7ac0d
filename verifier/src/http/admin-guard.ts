import type { FastifyRequest } from 'fastify';
import { writeAudit } from '../audit/audit-log.ts';
import type { AuditEvent } from '../audit/events.ts';
import type { AppContext } from './context.ts';
import { requireSession, signedIn } from './session-guard.ts';

/** Admin routes: a full session of a member of the Admin group (403 otherwise, 401 without a session). */
export const requireAdmin = (ctx: AppContext) => requireSession(ctx, { scopes: ['full'], admin: true });

/** Audit entry for an admin change: who (the signed-in admin), what, when and from which address. */
export function auditAdmin(
  ctx: AppContext,
  request: FastifyRequest,
  event: AuditEvent,
  target: string | null,
  detail?: Record<string, unknown>,
): Promise<void> {
  const actor = signedIn(request).user.username;
  return writeAudit(ctx.db, { at: ctx.clock.now(), actor, event, target, ip: request.ip, detail });
}
