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
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}

export function cookieOptions(secure: boolean, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The value of the cookie `base` under the name this request's security calls for. */
export function readCookie(ctx: AppContext, request: FastifyRequest, base: string): string | undefined {
  return request.cookies[cookieName(base, isSecure(ctx, request))];
}
