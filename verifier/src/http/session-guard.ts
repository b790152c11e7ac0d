import type { FastifyReply, FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { findUserView, type UserView } from '../accounts/users.ts';
import { deleteSession, findSession } from '../auth/sessions.ts';
import type { SessionRow, SessionScope } from '../db/schema.ts';
import { ApiError, forbidden, notSignedIn } from './api-error.ts';
import type { AppContext } from './context.ts';
import { cookieName, cookieOptions, isSecure } from './cookies.ts';

/** The session cookie's name over plain HTTP; `__Host-sid` over HTTPS (see cookies.ts). */
export const SESSION_COOKIE = 'sid';

export interface SignedIn {
  session: SessionRow;
  user: UserView;
}

declare module 'fastify' {
  interface FastifyRequest {
    signedIn?: SignedIn;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** With COOKIE_DOMAIN the session cookie covers that parent domain, so the apps under it see it. */
export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  const secure = isSecure(ctx, reply.request);
  reply.setCookie(
    cookieName(SESSION_COOKIE, secure, ctx.cookieDomain),
    token,
    cookieOptions(secure, undefined, ctx.cookieDomain),
  );
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  const secure = isSecure(ctx, reply.request);
  reply.clearCookie(
    cookieName(SESSION_COOKIE, secure, ctx.cookieDomain),
    cookieOptions(secure, undefined, ctx.cookieDomain),
  );
}

/** The session token the request carries, if any. */
export function sessionToken(ctx: AppContext, request: FastifyRequest): string | undefined {
  return request.cookies[cookieName(SESSION_COOKIE, isSecure(ctx, request), ctx.cookieDomain)];
}

export interface GuardOptions {
  scopes: readonly SessionScope[];
  admin?: boolean;
  /** Answer an expired sign-in challenge with 410 challenge_void (the code route) rather than 401. */
  challenge?: boolean;
}

/**
 * preHandler that admits only a live session of one of `scopes` (and, for admin routes, a member
 * of the Admin group), and checks the CSRF header on every state-changing request.
 */
export function requireSession(ctx: AppContext, options: GuardOptions) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = sessionToken(ctx, request);
    const session = token ? await findSession(ctx.db, token) : undefined;
    if (!session) throw notSignedIn();
    if (session.expires_at <= ctx.clock.now()) {
      await deleteSession(ctx.db, session.id_hash);
      clearSessionCookie(ctx, reply);
      if (options.challenge && session.scope === 'code') {
        throw new ApiError(
          410,
          'challenge_void',
          'Too many wrong codes or the sign-in took too long. Sign in again.',
        );
      }
      throw notSignedIn();
    }
    if (STATE_CHANGING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (
        typeof header !== 'string' ||
        !constantTimeEqual(Buffer.from(header), Buffer.from(session.csrf_token))
      ) {
        throw new ApiError(
          403,
          'csrf_failed',
          'The request is missing its security token. Reload the page and try again.',
        );
      }
    }
    const user = await findUserView(ctx.db, session.user_id, ctx.clock.now());
    if (!user) throw notSignedIn();
    if (!options.scopes.includes(session.scope)) throw forbidden();
    if (options.admin && !user.isAdmin) throw forbidden();
    request.signedIn = { session, user };
  };
}

/** The signed-in caller; only valid in routes behind requireSession. */
export function signedIn(request: FastifyRequest): SignedIn {
  if (!request.signedIn) throw notSignedIn();
  return request.signedIn;
}

export const ALL_SCOPES: readonly SessionScope[] = ['full', 'setup', 'code', 'change-password'];
