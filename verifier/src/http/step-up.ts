import type { FastifyReply } from 'fastify';
import type { UserView } from '../accounts/users.ts';
import { nextStep } from '../auth/next-step.ts';
import { createSession, deleteSession } from '../auth/sessions.ts';
import type { SessionScope } from '../db/schema.ts';
import { loadCredential } from '../verification/credentials.ts';
import type { AppContext } from './context.ts';
import { setSessionCookie } from './session-guard.ts';

/**
 * Opens the session for the user's next step, replacing any previous one (a new id after every
 * step up), and answers with the step the pages show next.
 */
export async function startNextStep(ctx: AppContext, reply: FastifyReply, user: UserView, previous?: string) {
  const { step, scope } = nextStep(user);
  const session = await replaceSession(ctx, reply, user.id, scope, previous);
  if (step !== 'code') return { step, csrfToken: session.csrfToken };
  const credential = await loadCredential(ctx.db, user.id);
  return { step, csrfToken: session.csrfToken, method: 'totp' as const, digits: credential?.digits ?? 6 };
}

/** Issues a fresh session id (and CSRF token) and drops the previous session. */
export async function replaceSession(
  ctx: AppContext,
  reply: FastifyReply,
  userId: number,
  scope: SessionScope,
  previousIdHash: string | undefined,
) {
  if (previousIdHash) await deleteSession(ctx.db, previousIdHash);
  const session = await createSession(ctx.db, userId, scope, ctx.clock.now());
  setSessionCookie(ctx, reply, session.token);
  return session;
}
