import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';

/**
 * Secure whenever the request came over HTTPS, directly or through a proxy that TRUST_PROXY
 * believes (its X-Forwarded-Proto), or always with COOKIE_SECURE=true.
 */
export function isSecure(ctx: AppContext, request: FastifyRequest): boolean {
  return ctx.cookieSecure || request.protocol === 'https';
}

/**
 * A secure cookie takes the `__Host-` prefix: browsers then accept it only with Secure, path /
 * and no Domain, so neither a sibling subdomain nor a plain-HTTP page can plant or overwrite it.
 * A cookie for a parent `domain` (COOKIE_DOMAIN, one sign-in for several apps) cannot be `__Host-`;
 * it takes `__Secure-`, which still keeps plain-HTTP pages from planting it.
 */
export function cookieName(base: string, secure: boolean, domain?: string): string {
  if (!secure) return base;
  return domain ? `__Secure-${base}` : `__Host-${base}`;
}

export function cookieOptions(
  secure: boolean,
  maxAgeSeconds?: number,
  domain?: string,
): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    ...(domain ? { domain } : {}),
  };
}

/** The value of the cookie `base` under the name this request's security calls for. */
export function readCookie(ctx: AppContext, request: FastifyRequest, base: string): string | undefined {
  return request.cookies[cookieName(base, isSecure(ctx, request))];
}
