import { DomainError } from '../domain-error.ts';
import { spokenDuration } from '../wording/duration.ts';

/** NIST SP 800-63B §6.1.2.3: a recovery secret sent to an address is valid for at most 24 hours. */
export const INVITATION_VALIDITY_MS = 24 * 60 * 60_000;
/** One invitation per user per 10 minutes, so neither button nor command can flood a mailbox. */
export const INVITATION_RESEND_MS = 10 * 60_000;

/** What the rules look at to decide whether a user can be invited. */
export interface InviteeFacts {
  source: 'local' | 'sso';
  hasPassword: boolean;
  email: string;
}

/**
 * Why this user gets no invitation, or null when they may. SSO users sign in through their identity
 * provider and never set a password here; a user with a password signs in with it (an admin can set
 * a new one); an invitation needs an address to go to.
 */
export function invitationRefusal(user: InviteeFacts): DomainError | null {
  if (user.source === 'sso')
    return new DomainError(
      'conflict',
      'single_sign_on_user',
      'This user signs in through single sign-on and never sets a password here, so there is nothing to invite them to.',
    );
  if (user.hasPassword)
    return new DomainError(
      'conflict',
      'has_password',
      'This user already has a password. To give them a new one, set it on Edit user.',
    );
  if (user.email.trim() === '')
    return new DomainError(
      'conflict',
      'email_missing',
      'This user has no e-mail address to send the invitation to. Add one first.',
    );
  return null;
}

/** The refusal of an invitation sent again too soon; `waitMs` is what is left of the 10 minutes. */
export function invitationTooSoon(waitMs: number): DomainError {
  return new DomainError(
    'conflict',
    'invitation_too_soon',
    `An invitation was sent to this user a moment ago. Send again in ${spokenDuration(Math.ceil(waitMs / 1000))}.`,
  );
}

export const publicUrlMissing = () =>
  new DomainError(
    'unavailable',
    'public_url_missing',
    'Invitations need the address users open the verifier at: set PUBLIC_URL (e.g. https://2fa.example.com) and restart.',
  );

export const invitationNotSent = () =>
  new DomainError(
    'unavailable',
    'mail_not_sent',
    'The invitation e-mail could not be sent. Try again in a few minutes; nothing was changed.',
  );

/** The link was used, replaced by a newer invitation, voided (a password was set) or mistyped. */
export const invitationInvalid = () =>
  new DomainError(
    'not_found',
    'invitation_invalid',
    'This invitation link is no longer valid: it was already used, replaced by a newer invitation, or copied incompletely. Ask your admin for a new one.',
  );

export const invitationExpired = () =>
  new DomainError(
    'not_found',
    'invitation_expired',
    'This invitation has expired — ask your admin for a new one.',
  );
