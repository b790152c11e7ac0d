import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { findUserView } from '../accounts/users.ts';
import { deleteSession, findSession } from '../auth/sessions.ts';
import { passedEveryStep } from '../forward-auth/access.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppContext } from '../http/context.ts';
import { clearSessionCookie, sessionToken } from '../http/session-guard.ts';
import { OIDC_PREFIX } from './provider.ts';
import { signInEvidence } from './sign-in-evidence.ts';

const SUPPORTED_SCOPES = new Set(['openid', 'profile', 'email', 'groups']);

export const interactionPath = (uid: string) => `${OIDC_PREFIX}/interaction/${uid}`;

/** The verifier's sign-in page, coming back here once every step is done (web/src/return-target.ts). */
export const signInFor = (uid: string) => `/sign-in?rd=${encodeURIComponent(interactionPath(uid))}`;

/**
 * GET /oidc/interaction/:uid, where the provider sends every authorization. The verifier's session
 * decides, with the same rule as forward-auth: only one that passed every step the 2FA policy asks
 * now finishes the interaction; any other goes to the verifier's sign-in, which returns here.
 * Consent is the admin's registration of the client, so the grant covers the requested scopes.
 */
export async function continueInteraction(
  ctx: AppContext,
  provider: Provider,
  request: FastifyRequest<{ Params: { uid: string } }>,
  reply: FastifyReply,
) {
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    throw new ApiError(
      400,
      'sign_in_request_expired',
      'This sign-in request has expired or belongs to another browser. Go back to the application and start again.',
    );
  }
  if (details.uid !== request.params.uid) {
    throw new ApiError(
      400,
      'sign_in_request_expired',
      'This sign-in request belongs to another tab. Start again from the application.',
    );
  }
  const now = ctx.clock.now();
  const token = sessionToken(ctx, request);
  const session = token ? await findSession(ctx.db, token) : undefined;
  const user = session ? await findUserView(ctx.db, session.user_id, now) : undefined;
  if (!session || !user || !passedEveryStep(session, user, now)) {
    // A full session the policy has since outgrown (2FA switched on, password to change) would send
    // the sign-in page straight back here: it ends, so the sign-in asks every step again.
    if (session && session.scope === 'full') {
      await deleteSession(ctx.db, session.id_hash);
      clearSessionCookie(ctx, reply);
    }
    return reply.redirect(signInFor(details.uid), 303);
  }
  const accountId = String(user.id);
  const clientId = String(details.params.client_id);
  const grant = new provider.Grant({ accountId, clientId });
  const scopes = String(details.params.scope ?? '')
    .split(' ')
    .filter((scope) => SUPPORTED_SCOPES.has(scope));
  grant.addOIDCScope(scopes.join(' '));
  const grantId = await grant.save();
  const { amr, acr, authTime } = signInEvidence(session);
  const returnTo = await provider.interactionResult(
    request.raw,
    reply.raw,
    { login: { accountId, amr, acr, ts: authTime, remember: false }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  return reply.redirect(returnTo, 303);
}
