export type TwoFactorStatus = 'Pending' | 'Activated' | 'Disabled';

export interface PolicyInputs {
  systemEnabled: boolean;
  group: { isDefault: boolean; twoFactorEnabled: boolean };
  user: { source: 'local' | 'sso'; twoFactorEnabled: boolean };
  hasCredential: boolean;
  /** After the grace period: every local sign-in needs a second factor, whatever the switches say. */
  mandatory?: boolean;
  /**
   * The user's effective method. An e-mail user's factor is their address: it is set up once a code
   * sent to it has been typed back (the e-mail equivalent of confirming an authenticator).
   */
  method?: 'totp' | 'email';
  /** Whether the user's current address has been confirmed by a code sent to it. */
  emailConfirmed?: boolean;
}

/**
 * Whether the per-user switch can be used: default groups always offer it, a custom group only
 * while its own "2FA enabled" switch is on.
 */
export function twoFactorAvailable(group: PolicyInputs['group']): boolean {
  return group.isDefault || group.twoFactorEnabled;
}

/** Whether the switches ask this user for a second factor (before the grace period ends). */
function requiredBySwitches(input: PolicyInputs): boolean {
  return input.systemEnabled && twoFactorAvailable(input.group) && input.user.twoFactorEnabled;
}

/**
 * Disabled: SSO user (exempt: the identity provider owns sign-in), or, during the grace period, system
 * switch off, group does not allow it, or the user's switch is off. After the grace period every local
 * user is required. A required user is Pending until their factor is confirmed, then Activated: a
 * credential for the authenticator, the current address for e-mailed codes.
 */
export function twoFactorStatus(input: PolicyInputs): TwoFactorStatus {
  if (input.user.source === 'sso') return 'Disabled';
  if (!input.mandatory && !requiredBySwitches(input)) return 'Disabled';
  if (input.method === 'email') return input.emailConfirmed ? 'Activated' : 'Pending';
  return input.hasCredential ? 'Activated' : 'Pending';
}
