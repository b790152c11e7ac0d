import type { UserView } from '../accounts/users.ts';
import type { SessionRow } from '../db/schema.ts';
import { groupMayEnter } from './app-rules.ts';
import type { OriginalRequest } from './original-request.ts';
import { remoteHeaders } from './remote-headers.ts';
import { checkReturnTarget, hostAllowed } from './return-target.ts';
import type { ForwardAuthSettings } from './settings.ts';

/** What a forward-auth sub-request is answered, decided from the session and the original request. */
export type Access =
  | { kind: 'allowed'; headers: Record<string, string> }
  /** Not (fully) signed in: where to send the browser; a 302 when the answer reaches it as it is. */
  | { kind: 'sign_in'; location: string; redirect: boolean }
  /** Signed in, but this application is not for the user's group (or not protected at all). */
  | { kind: 'refused'; host: string | undefined; reason: 'group' | 'unknown_app' };

/**
 * A full session has passed every step the policy asks now: a session opens as 'full' only after
 * the steps asked at sign-in, and one whose user the policy has since sent to set 2FA up (Pending),
 * to change the password, or to give a code (2FA switched back on) is stopped here.
 */
export function passedEveryStep(session: SessionRow, user: UserView, now: number): boolean {
  return (
    session.scope === 'full' &&
    session.expires_at > now &&
    !user.locked &&
    !user.mustChangePassword &&
    user.twoFactorStatus !== 'Pending' &&
    (user.twoFactorStatus !== 'Activated' || session.second_factor_at !== null)
  );
}

export function decideAccess(
  settings: ForwardAuthSettings,
  original: OriginalRequest,
  user: UserView | undefined,
): Access {
  if (!user) {
    const target = original.url === undefined ? null : checkReturnTarget(original.url, settings.domains);
    const location =
      target === null ? settings.signInUrl : `${settings.signInUrl}?rd=${encodeURIComponent(target)}`;
    return { kind: 'sign_in', location, redirect: original.passedThrough && original.browserNavigation };
  }
  const { host } = original;
  if (host === undefined || !hostAllowed(host, settings.domains)) {
    return { kind: 'refused', host, reason: 'unknown_app' };
  }
  if (!groupMayEnter(settings.rules, host, user.group.name))
    return { kind: 'refused', host, reason: 'group' };
  return { kind: 'allowed', headers: remoteHeaders(user) };
}
