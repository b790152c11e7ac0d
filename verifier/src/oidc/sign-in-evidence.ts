import type { UserView } from '../accounts/users.ts';
import type { SessionRow } from '../db/schema.ts';

/**
 * What an ID token says about how the user signed in (pure). `amr` values from RFC 8176: `pwd` for
 * the password, `otp` for the authenticator's or e-mailed one-time code, `mfa` when both were given.
 * `acr` names the level: two-factor when a code was given in this sign-in, else password only.
 */
export const ACR_PASSWORD = 'urn:verifier:acr:password';
export const ACR_TWO_FACTOR = 'urn:verifier:acr:two-factor';
export const ACR_VALUES = [ACR_PASSWORD, ACR_TWO_FACTOR];

export interface SignInEvidence {
  amr: string[];
  acr: string;
  /** When the sign-in began, in seconds (the ID token's auth_time). */
  authTime: number;
}

export function signInEvidence(session: Pick<SessionRow, 'second_factor_at' | 'created_at'>): SignInEvidence {
  const gaveCode = session.second_factor_at !== null;
  return {
    amr: gaveCode ? ['pwd', 'otp', 'mfa'] : ['pwd'],
    acr: gaveCode ? ACR_TWO_FACTOR : ACR_PASSWORD,
    authTime: Math.floor(Number(session.created_at) / 1000),
  };
}

/** The claims a relying party may read, by scope: profile (name, username), email, groups. */
export function claimsOf(user: Pick<UserView, 'id' | 'username' | 'displayName' | 'email' | 'group'>) {
  return {
    sub: String(user.id),
    name: user.displayName,
    preferred_username: user.username,
    email: user.email,
    groups: [user.group.name],
  };
}

/** amr, acr and auth_time ride with `openid`, so every ID token says how the user signed in. */
export const SCOPE_CLAIMS = {
  openid: ['sub', 'amr', 'acr', 'auth_time'],
  profile: ['name', 'preferred_username'],
  email: ['email'],
  groups: ['groups'],
};
