// Error codes of the API contract mapped to the words the pages show. The pages use these rather than the
// server's sentence so the wording stays the same everywhere; an unknown code falls back to the server's.

import { spokenDuration } from '../../../src/wording/duration.ts';

export const errorMessages: Readonly<Record<string, string>> = {
  invalid_request: 'Some of the details are not valid. Check the highlighted field and try again.',
  invalid_credentials: 'Wrong username or password.',
  account_locked:
    'This account is locked after too many failed attempts. Ask an admin to unlock it or try again later.',
  too_many_attempts: 'Too many attempts. Wait a moment and try again.',
  single_sign_on_only:
    'This account signs in through your organisation’s single sign-on, not with a password here.',
  cannot_remove_last_admin: 'The verifier needs at least one admin: give another user the Admin group first.',
  code_blank: 'Enter the code from your authenticator.',
  code_invalid: 'That code is not right. Check your device’s time is set automatically and try again.',
  code_used: 'That code has already been used. Wait for the next code.',
  challenge_void: 'Too many wrong codes or the sign-in took too long. Sign in again.',
  code_expired: 'This code has expired. Use Resend to get a new one.',
  resend_cooldown: 'A code was sent a moment ago. Wait a little before asking for another one.',
  resend_limit: 'Too many codes were sent in the last hour. Try again later.',
  weak_password: 'Choose a password of at least 12 characters.',
  same_password: 'Choose a password different from the current one.',
  not_pending: 'Two-factor authentication is not waiting to be set up for this account.',
  enrollment_expired:
    'The setup took more than 30 minutes and has expired. Start again to get a new QR code.',
  not_signed_in: 'Your session has ended. Sign in again.',
  forbidden: 'Only admins can open this page.',
  csrf_failed: 'This page is out of date. Reload it and try again.',
  username_taken: 'That username is already taken.',
  two_factor_unavailable:
    'Two-factor authentication is turned off for this user’s security access group. Enable it for the group first.',
  group_exists: 'A group with that name already exists.',
  default_group: 'Default groups cannot be renamed.',
  not_found: 'That item no longer exists.',
  mail_not_sent:
    'The e-mail with your code could not be sent. Try again in a few minutes, or ask an admin for help.',
  email_missing: 'Your account has no e-mail address to send sign-in codes to. Ask an admin to add one.',
  email_required: 'Enter an e-mail address: a user who receives codes by e-mail needs one.',
  method_unavailable: 'That way of receiving codes is not allowed in System Settings.',
  two_factor_mandatory:
    'Two-factor authentication is mandatory now that the grace period is over, so it cannot be turned off.',
  grace_end_not_in_future: 'Choose a grace end date in the future.',
  grace_end_not_later: 'Choose a date later than the current grace end.',
  not_email_method: 'Your codes come from your authenticator, not by e-mail.',
  network: 'The verifier cannot be reached. Check your connection and try again.',
};

/** The code page's words when the code came by e-mail (no authenticator, no device clock). */
export const emailCodeMessages: Readonly<Record<string, string>> = {
  code_blank: 'Enter the code from the e-mail.',
  code_invalid: 'That code is not right. Check the latest e-mail and try again.',
  code_used: 'That code has already been used. Use Resend to get a new one.',
};

/** A wrong setup code: the likely causes in the order they happen, the device's clock last. */
export function enrollmentCodeRefused(issuer: string, account: string): string {
  return `That code is not right. Check that it comes from the account you just added, ${issuer} (${account}): an older entry for the same site may still be in your authenticator. If you chose “Show a new key”, only the newest key works: delete the older entry and scan again. Otherwise check your device’s time is set automatically.`;
}

export const fallbackMessage = 'Something went wrong on the server. Try again in a moment.';

/** The words for a refusal that names its wait, the same sentence as the server's; undefined for others. */
export function waitMessage(code: string, seconds: number): string | undefined {
  const wait = spokenDuration(seconds);
  if (code === 'resend_limit') return `Too many codes were sent in the last hour. Try again in ${wait}.`;
  if (code === 'resend_cooldown')
    return `A code was sent a moment ago. Wait ${wait} before asking for another one.`;
  return undefined;
}

/** Words to show for an error code, preferring ours, then the server's sentence, then a generic one. */
export function messageFor(code: string, serverMessage?: string): string {
  // These answers carry the specific problem (which field, which date, which template part).
  if (
    serverMessage &&
    (code === 'invalid_request' || code === 'invalid_template' || code === 'invalid_csv')
  ) {
    return serverMessage;
  }
  return errorMessages[code] ?? serverMessage ?? fallbackMessage;
}
