import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AttemptSource, deviceSource, untrustedSource } from '../auth/attempt-source.ts';
import { DEVICE_TOKEN_LIFETIME_MS, findDevice, rememberDevice } from '../auth/device-tokens.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { AppContext } from './context.ts';
import { cookieName, cookieOptions, isSecure, readCookie } from './cookies.ts';

const DEVICE_COOKIE = 'device';
/** Tokens one browser keeps: several people may share a computer (a contact centre's desk). */
const MAX_TOKENS = 5;

function tokensOf(ctx: AppContext, request: FastifyRequest): string[] {
  const value = readCookie(ctx, request, DEVICE_COOKIE);
  return value ? value.split('.').filter(Boolean).slice(0, MAX_TOKENS) : [];
}

/** Where a sign-in attempt for `username` counts: this browser's device, or the untrusted clients. */
export async function attemptSourceOf(
  ctx: AppContext,
  request: FastifyRequest,
  username: string,
): Promise<AttemptSource> {
  const tokens = tokensOf(ctx, request);
  if (tokens.length === 0) return untrustedSource(username);
  const device = await findDevice(ctx.db, ctx.deviceTokenKey, tokens, username, ctx.clock.now());
  return device ? deviceSource(username, device) : untrustedSource(username);
}

/** After a completed sign-in: this browser is known for the user from now on. Returns its source. */
export async function rememberThisDevice(
  ctx: AppContext,
  reply: FastifyReply,
  user: { id: number; username: string },
): Promise<AttemptSource> {
  const request = reply.request;
  const tokens = tokensOf(ctx, request);
  const token = await rememberDevice(ctx.db, ctx.deviceTokenKey, tokens, user, ctx.clock.now());
  const [id] = token.split(':');
  const others = tokens.filter((t) => !t.startsWith(`${id}:`));
  const secure = isSecure(ctx, request);
  reply.setCookie(
    cookieName(DEVICE_COOKIE, secure),
    [token, ...others].slice(0, MAX_TOKENS).join('.'),
    cookieOptions(secure, DEVICE_TOKEN_LIFETIME_MS / 1000),
  );
  return deviceSource(user.username, sha256Hex(id as string));
}
