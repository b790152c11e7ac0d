export type TwoFactorStatus = 'Pending' | 'Activated' | 'Disabled';

export interface PolicyInputs {
  systemEnabled: boolean;
  group: { isDefault: boolean; twoFactorEnabled: boolean };
  user: { source: 'local' | 'sso'; twoFactorEnabled: boolean };
  hasCredential: boolean;
}

/**
 * Whether the per-user switch can be used: default groups always offer it, a custom group only
 * while its own "2FA enabled" switch is on.
 */
export function twoFactorAvailable(group: PolicyInputs['group']): boolean {
  return group.isDefault || group.twoFactorEnabled;
}

/**
 * Disabled: system switch off, SSO user (exempt: the identity provider owns sign-in), group does not
 * allow it, or the user's switch is off. Otherwise Pending until a credential is confirmed, then Activated.
 */
export function twoFactorStatus(input: PolicyInputs): TwoFactorStatus {
  if (!input.systemEnabled) return 'Disabled';
  if (input.user.source === 'sso') return 'Disabled';
  if (!twoFactorAvailable(input.group)) return 'Disabled';
  if (!input.user.twoFactorEnabled) return 'Disabled';
  return input.hasCredential ? 'Activated' : 'Pending';
}
