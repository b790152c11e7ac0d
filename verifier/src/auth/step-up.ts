import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserView } from '../accounts/users.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { SessionScope } from '../db/schema.ts';
import { DEFAULT_EMAIL_CODE_POLICY, EMAIL_CODE_DIGITS } from '../email-code/index.ts';
import { type SendOutcome, sendSignInCode } from '../email-code/send-code.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { rememberThisDevice } from '../http/device-cookie.ts';
import { setSessionCookie } from '../http/session-guard.ts';
import { rememberDays } from '../remembered-devices/remembered-sign-in.ts';
import { loadCredential } from '../verification/credentials.ts';
import { spokenDuration } from '../wording/duration.ts';
import type { AttemptSource } from './attempt-source.ts';
import { nextStep } from './next-step.ts';
import { createSession, deleteSession, renewSession } from './sessions.ts';

/**
 * An e-mail challenge outlives its code by 5 minutes, so a user whose code expired can still use
 * Resend instead of starting again. The hourly send cap bounds how long Resend can keep it open.
 */
export const EMAIL_CHALLENGE_MS = DEFAULT_EMAIL_CODE_POLICY.validityMs + 5 * 60_000;

export const resendCooldown = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'resend_cooldown',
    `A code was sent a moment ago. Wait ${spokenDuration(retryAfterSeconds)} before asking for another one.`,
    { retryAfterSeconds },
  );
export const resendLimit = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'resend_limit',
    `Too many codes were sent in the last hour. Try again in ${spokenDuration(retryAfterSeconds)}.`,
    { retryAfterSeconds },
  );

/**
 * Sends the e-mailed code and turns a refusal into the API's error. With no SMTP server the message
 * is an .eml file whose path is logged (the code is in the file, never in the log).
 */
export async function deliverCode(
  ctx: AppContext,
  request: FastifyRequest,
  user: UserView,
  mode: 'issue' | 'resend',
): Promise<void> {
  const outcome: SendOutcome = await sendSignInCode(ctx, user, mode, request.ip);
  if (outcome.kind !== 'sent') {
    throw outcome.kind === 'cooldown'
      ? resendCooldown(outcome.retryAfterSeconds)
      : resendLimit(outcome.retryAfterSeconds);
  }
  if (outcome.receipt.outboxPath) {
    request.log.info({ outboxPath: outcome.receipt.outboxPath }, 'sign-in code e-mail written to the outbox');
  }
}

/**
 * Opens the session for the user's next step, replacing any previous one (a new id after every
 * step up), and answers with the step the pages show next. An e-mail user's code is sent before the
 * session opens, so a failed delivery leaves no half-open challenge.
 */
export async function startNextStep(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserView,
  previous: string | undefined,
  source: AttemptSource,
  /** When the session this step replaces gave its code (a password change keeps it). */
  secondFactorAt: number | null = null,
) {
  const { step, scope } = nextStep(user);
  if (step === 'code' && user.method === 'email') {
    await deliverCode(ctx, request, user, 'issue');
    const session = await replaceSession(ctx, reply, user, scope, previous, source);
    await renewSession(ctx.db, sha256Hex(session.token), ctx.clock.now(), EMAIL_CHALLENGE_MS);
    const email = { method: 'email' as const, digits: EMAIL_CODE_DIGITS };
    return { step, csrfToken: session.csrfToken, ...email, ...(await rememberOffer(ctx)) };
  }
  const session = await replaceSession(ctx, reply, user, scope, previous, source, secondFactorAt);
  if (step !== 'code') return { step, csrfToken: session.csrfToken };
  const credential = await loadCredential(ctx.db, user.id);
  const totp = { method: 'totp' as const, digits: credential?.digits ?? 6 };
  return { step, csrfToken: session.csrfToken, ...totp, ...(await rememberOffer(ctx)) };
}

/** The code page offers "Remember this device" only while the admin allows it, for the days set. */
async function rememberOffer(ctx: AppContext): Promise<{ rememberDays?: number }> {
  const days = await rememberDays(ctx);
  return days > 0 ? { rememberDays: days } : {};
}

/**
 * Issues a fresh session id (and CSRF token) and drops the previous session. A full session ends
 * a completed sign-in, so the browser is remembered as one of the user's devices from then on.
 */
export async function replaceSession(
  ctx: AppContext,
  reply: FastifyReply,
  user: { id: number; username: string },
  scope: SessionScope,
  previousIdHash: string | undefined,
  source: AttemptSource,
  /** When this sign-in gave its code; null when it gave none. */
  secondFactorAt: number | null = null,
) {
  if (previousIdHash) await deleteSession(ctx.db, previousIdHash);
  // From here on the browser's own attempts (a password change) count as its device's.
  const counted = scope === 'full' ? await rememberThisDevice(ctx, reply, user) : source;
  const session = await createSession(ctx.db, user.id, scope, ctx.clock.now(), counted.key, secondFactorAt);
  setSessionCookie(ctx, reply, session.token);
  return session;
}
