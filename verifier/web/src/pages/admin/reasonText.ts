import type { CodeMethod, TwoFactorReason } from '../../api/types.ts';

/** One sentence for Edit user saying why the status is what it is (the server decides the reason). */
export function reasonText(reason: TwoFactorReason, groupName: string): string {
  switch (reason) {
    case 'sso':
      return 'This user signs in through single sign-on, so they are never asked for a code here.';
    case 'grace-period-ended':
      return 'The grace period has ended: every local user must use two-factor authentication, whatever the switches say.';
    case 'system-off':
      return '2FA is off for the whole organisation in System Settings.';
    case 'group-off':
      return `The ${groupName} group does not allow two-factor authentication.`;
    case 'user-off':
      return '2FA enabled is off for this user.';
    case 'user-on':
      return '2FA enabled is on for this user, and their group and System Settings allow it.';
  }
}

/** What a Pending user still has to do, by method: the admin sees why they are not Activated yet. */
export function pendingText(method: CodeMethod): string {
  return method === 'email'
    ? 'Their e-mail address is not confirmed yet: at their next sign-in a code goes to it, and typing it back activates e-mailed codes.'
    : 'They have not set up their authenticator yet: they are asked to at their next sign-in.';
}
