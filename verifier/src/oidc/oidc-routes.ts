import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { findUserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { deleteSession } from '../auth/sessions.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { AppContext } from '../http/context.ts';
import { cookieName, cookieOptions } from '../http/cookies.ts';
import { SESSION_COOKIE } from '../http/session-guard.ts';
import { continueInteraction } from './interaction.ts';
import { createOidcProvider, OIDC_PREFIX } from './provider.ts';

/** The client address Fastify worked out (TRUST_PROXY), for the audit entries the provider's side writes. */
const clientAddress = new WeakMap<IncomingMessage, string>();

/**
 * Audits each token answer (issued or refused), and ends the verifier's session when the user confirms
 * an application's sign-out (RP-initiated logout), so one sign-out ends both.
 */
function watchProvider(ctx: AppContext, provider: Provider, secure: boolean): void {
  provider.use(async (koa: KoaContextWithOIDC, next) => {
    await next();
    const route = koa.oidc?.route;
    if (route === 'token') await auditToken(ctx, koa);
    if (route === 'end_session_confirm' && koa.oidc.params?.logout) {
      const name = cookieName(SESSION_COOKIE, secure, ctx.cookieDomain);
      const token = koa.cookies.get(name);
      if (token) {
        await deleteSession(ctx.db, sha256Hex(token));
        const { domain, path } = cookieOptions(secure, undefined, ctx.cookieDomain);
        koa.cookies.set(name, null, {
          domain,
          path,
          secure,
          httpOnly: true,
          sameSite: 'strict',
          overwrite: true,
        });
      }
    }
  });
}

async function auditToken(ctx: AppContext, koa: KoaContextWithOIDC): Promise<void> {
  const client = koa.oidc.client;
  const ip = clientAddress.get(koa.req) ?? null;
  const at = ctx.clock.now();
  if (koa.status === 200) {
    const accountId = koa.oidc.entities.Account?.accountId;
    const user = accountId ? await findUserView(ctx.db, Number(accountId), at) : undefined;
    await writeAudit(ctx.db, {
      at,
      actor: user?.username ?? null,
      event: 'oidc.token_issued',
      target: client?.clientName ?? client?.clientId ?? null,
      ip,
      detail: {
        clientId: client?.clientId,
        grantType: koa.oidc.params?.grant_type,
        scope: koa.oidc.entities.AccessToken?.scope,
      },
    });
  } else {
    const body = koa.body as { error?: string } | undefined;
    await writeAudit(ctx.db, {
      at,
      actor: null,
      event: 'oidc.token_refused',
      target: client?.clientName ?? client?.clientId ?? null,
      ip,
      detail: { error: body?.error ?? String(koa.status) },
    });
  }
}

/**
 * The OpenID Connect provider under /oidc (discovery at /oidc/.well-known/openid-configuration), when
 * `ctx.oidcIssuer` is set. oidc-provider is a Koa app: Fastify hands it the raw request and response
 * (bodies unread, the prefix taken off, as Express's mounting does). Its addresses come from the issuer,
 * never from the request's Host header, which the sender chooses.
 */
export async function registerOidcRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (!ctx.oidcIssuer) return;
  const issuer = new URL(ctx.oidcIssuer);
  const provider = await createOidcProvider(ctx, issuer.href.replace(/\/$/, ''));
  provider.proxy = true;
  const secure = ctx.cookieSecure || issuer.protocol === 'https:';
  watchProvider(ctx, provider, secure);
  const callback = provider.callback();

  app.get<{ Params: { uid: string } }>(
    `${OIDC_PREFIX}/interaction/:uid`,
    { schema: { hide: true } },
    (request, reply) => continueInteraction(ctx, provider, request, reply),
  );

  await app.register(async (scope) => {
    // The provider reads its own form and JSON bodies.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handOver = (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
      reply.hijack();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      const url = raw.url ?? OIDC_PREFIX;
      raw.originalUrl = url;
      raw.url = url.slice(OIDC_PREFIX.length) || '/';
      raw.headers['x-forwarded-host'] = issuer.host;
      raw.headers['x-forwarded-proto'] = issuer.protocol.slice(0, -1);
      clientAddress.set(raw, request.ip);
      callback(raw, reply.raw);
    };
    // The provider's own routes are described by its discovery document, not the verifier's OpenAPI.
    scope.all(`${OIDC_PREFIX}/*`, { schema: { hide: true } }, handOver);
  });
}
