import type { SecurityMailKind } from './kinds.ts';

/**
 * Every security e-mail's words, in one place: a subject and a plain-text body with `{{field}}`
 * merge fields, as the sign-in code's template has (the HTML part is made from the text). The last
 * paragraph is the same for all: what to do when it was not the user.
 */
export interface SecurityWording {
  readonly label: string;
  readonly subject: string;
  readonly text: string;
}

export const NOTICE_FIELDS = ['displayName', 'username', 'organisation', 'time', 'address', 'left'] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];

const NOT_YOU =
  'If this was not you, tell your administrator at once: someone else may be able to sign in as {{username}}.';

const body = (...lines: string[]) =>
  ['Hello {{displayName}},', '', ...lines, '', NOT_YOU, '', '{{organisation}}', ''].join('\n');

export const SECURITY_WORDING: Record<SecurityMailKind, SecurityWording> = {
  two_factor_set_up: {
    label: 'Two-factor authentication set up',
    subject: 'Two-factor authentication is now on for {{organisation}}',
    text: body(
      'Two-factor authentication was set up for your account {{username}} at {{time}} (from {{address}}).',
      'From now on you sign in with your password and a code from your authenticator.',
      'Keep your recovery codes somewhere safe: each one signs you in once if you lose your phone.',
    ),
  },
  two_factor_reset_by_admin: {
    label: 'Two-factor authentication reset by an admin',
    subject: 'Your two-factor authentication for {{organisation}} was reset',
    text: body(
      'An administrator reset two-factor authentication for your account {{username}} at {{time}}.',
      'Your authenticator, your recovery codes and your remembered browsers no longer work.',
      'You will set up two-factor authentication again the next time you sign in.',
    ),
  },
  recovery_code_used: {
    label: 'Recovery code used',
    subject: 'A recovery code was used to sign in to {{organisation}}',
    text: body(
      'A recovery code was used for your account {{username}} at {{time}} (from {{address}}).',
      'Each code works only once. You have {{left}} recovery codes left; make new ones on your account page when they run low.',
    ),
  },
  device_remembered: {
    label: 'New remembered device',
    subject: 'A new device was remembered for {{organisation}}',
    text: body(
      'A browser was remembered for your account {{username}} at {{time}} (from {{address}}).',
      'It will not ask for a code for a while. You can revoke it on your account page.',
    ),
  },
  password_changed: {
    label: 'Password changed',
    subject: 'Your password for {{organisation}} was changed',
    text: body('The password of your account {{username}} was changed at {{time}} (from {{address}}).'),
  },
};
