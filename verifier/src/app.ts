import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAccountRoutes } from './accounts/account-routes.ts';
import { registerBulkUserRoutes, registerUserSummaryRoute } from './accounts/bulk-routes.ts';
import { registerAdminGroupRoutes } from './accounts/group-routes.ts';
import { registerAdminUserRoutes } from './accounts/user-routes.ts';
import { registerAdminApiKeyRoutes } from './api-keys/api-key-routes.ts';
import { registerAdminAuditRoutes } from './audit/audit-routes.ts';
import { registerSignInRoutes } from './auth/sign-in-routes.ts';
import { registerAdminTemplateRoutes } from './email-code/template-routes.ts';
import { registerEnrollmentRoutes } from './enrollment/enrollment-routes.ts';
import { registerForwardAuthRoutes } from './forward-auth/forward-auth-routes.ts';
import type { AppContext } from './http/context.ts';
import { installErrorHandler } from './http/error-handler.ts';
import { registerHealthRoutes } from './http/health-routes.ts';
import { registerOpenApi } from './http/openapi.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerStaticPages } from './http/static-pages.ts';
import { registerAdminInvitationRoutes } from './invitations/admin-invitation-routes.ts';
import { registerInvitationRoutes } from './invitations/invitation-routes.ts';
import { installMetrics } from './metrics/http-metrics.ts';
import { registerAdminOidcClientRoutes } from './oidc/oidc-client-routes.ts';
import { registerOidcRoutes } from './oidc/oidc-routes.ts';
import { registerRecoveryCodeRoutes } from './recovery-codes/recovery-code-routes.ts';
import { registerAdminRememberedDeviceRoutes } from './remembered-devices/remembered-device-routes.ts';
import { registerSecurityRoutes } from './security/security-routes.ts';
import { registerSecurityMailRoutes } from './security-mail/security-mail-routes.ts';
import { registerAdminSettingsRoutes } from './settings/settings-routes.ts';
import { registerAdminUsersCsvRoutes } from './users-csv/users-csv-routes.ts';
import { registerVerifyApiRoutes } from './verification/verify-api-routes.ts';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built pages; served when it holds an index.html. */
  webRoot?: string;
  /** Which proxies may set the client address through X-Forwarded-For (see Config.trustProxy). */
  trustProxy?: false | string[];
  /** Serves GET /metrics to holders of this bearer token; without it there are no metrics. */
  metricsToken?: string;
  /** Adds the process's CPU, memory and event-loop metrics (the server, not tests sharing a process). */
  processMetrics?: boolean;
}

/** Paths whose values must never reach the logs. */
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.secret',
  '*.key',
  // Invitation tokens travel in the link's fragment and in request bodies, never in a logged URL.
  '*.token',
];

/** The server's logger: at `level`, with every path in LOG_REDACTIONS censored (to `stream` if given). */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return { level, redact: { paths: LOG_REDACTIONS, censor: '[redacted]' }, ...(stream ? { stream } : {}) };
}

/** Builds the whole application without listening, so tests drive it with app.inject. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // Refuse unknown fields (schemas with additionalProperties: false) instead of silently dropping them.
    ajv: { customOptions: { removeAdditional: false } },
  };
  const app = Fastify(serverOptions) as unknown as FastifyInstance;
  // Only JSON bodies: a text/plain POST is a "simple" cross-site request that skips the CORS preflight.
  app.removeContentTypeParser('text/plain');
  const { metricsToken, processMetrics } = options;
  const metrics = metricsToken ? installMetrics(app, metricsToken, { processMetrics }) : undefined;
  installErrorHandler(app, metrics);
  await registerSecurityHeaders(app);
  // API answers carry sessions, secrets and personal data: never keep them in any cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  await registerOpenApi(app);
  registerSignInRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerEnrollmentRoutes(app, ctx);
  registerAdminSettingsRoutes(app, ctx);
  registerAdminTemplateRoutes(app, ctx);
  registerAdminUsersCsvRoutes(app, ctx);
  registerAdminUserRoutes(app, ctx);
  registerBulkUserRoutes(app, ctx);
  registerUserSummaryRoute(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerAdminInvitationRoutes(app, ctx);
  registerAdminGroupRoutes(app, ctx);
  registerAdminApiKeyRoutes(app, ctx);
  registerAdminAuditRoutes(app, ctx);
  registerVerifyApiRoutes(app, ctx);
  registerForwardAuthRoutes(app, ctx);
  await registerOidcRoutes(app, ctx);
  registerAdminOidcClientRoutes(app, ctx);
  registerRecoveryCodeRoutes(app, ctx);
  registerSecurityMailRoutes(app, ctx);
  registerHealthRoutes(app, ctx);
  registerSecurityRoutes(app, ctx);
  registerAdminRememberedDeviceRoutes(app, ctx);
  await registerStaticPages(app, options.webRoot);
  return app;
}
