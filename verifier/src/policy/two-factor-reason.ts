import { type PolicyInputs, twoFactorAvailable } from './two-factor-status.ts';

/**
 * Why a user's status is what it is, in the order the rules decide it, so a page can say one
 * truth beside the badge instead of guessing from the switches.
 */
export type TwoFactorReason =
  | 'sso' // the identity provider owns sign-in: never asked for a code
  | 'grace-period-ended' // every local user is required, whatever the switches say
  | 'system-off' // the organisation-wide switch is off
  | 'group-off' // a custom group whose own 2FA switch is off
  | 'user-off' // the user's own switch is off
  | 'user-on'; // all switches ask for it

export function twoFactorReason(input: PolicyInputs): TwoFactorReason {
  if (input.user.source === 'sso') return 'sso';
  if (input.mandatory) return 'grace-period-ended';
  if (!input.systemEnabled) return 'system-off';
  if (!twoFactorAvailable(input.group)) return 'group-off';
  return input.user.twoFactorEnabled ? 'user-on' : 'user-off';
}

/** Reasons under which the user is required to use a second factor. */
export function reasonRequires(reason: TwoFactorReason): boolean {
  return reason === 'grace-period-ended' || reason === 'user-on';
}
