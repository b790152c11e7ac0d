import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.ts';
import { cookieName, cookieOptions, isSecure, readCookie } from '../http/cookies.ts';
import { DAY_MS } from './remember-rules.ts';

/** `remembered` over plain HTTP, `__Host-remembered` over HTTPS (host-only, like the device cookie). */
const REMEMBERED_COOKIE = 'remembered';
/** Tokens one browser keeps: several people may share a desk's computer. */
const MAX_TOKENS = 5;

/** The remembered-device tokens this browser sent. */
export function rememberedTokens(ctx: AppContext, request: FastifyRequest): string[] {
  const value = readCookie(ctx, request, REMEMBERED_COOKIE);
  return value ? value.split('.').filter(Boolean).slice(0, MAX_TOKENS) : [];
}

/** Keeps `token` first in the browser's cookie, beside the other users' tokens it already holds. */
export function keepRememberedToken(ctx: AppContext, reply: FastifyReply, token: string, days: number): void {
  const request = reply.request;
  const others = rememberedTokens(ctx, request).filter((t) => t !== token);
  const secure = isSecure(ctx, request);
  reply.setCookie(
    cookieName(REMEMBERED_COOKIE, secure),
    [token, ...others].slice(0, MAX_TOKENS).join('.'),
    cookieOptions(secure, (days * DAY_MS) / 1000),
  );
}
