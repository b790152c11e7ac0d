import type { UserView } from '../accounts/users.ts';
import type { SessionScope } from '../db/schema.ts';

export type SignInStep = 'signed-in' | 'code' | 'setup' | 'change-password';

/**
 * What a user must do after proving the password: change it (first sign-in), give a code
 * (2FA Activated, or Pending with e-mail: the code confirms the address), set 2FA up (Pending), or
 * nothing more. SSO users are Disabled by policy, so they are never asked for a code.
 */
export function nextStep(user: UserView): { step: SignInStep; scope: SessionScope } {
  if (user.mustChangePassword) return { step: 'change-password', scope: 'change-password' };
  if (user.twoFactorStatus === 'Activated') return { step: 'code', scope: 'code' };
  // E-mail's setup is the code itself: one sent to the address and typed back confirms it.
  if (user.twoFactorStatus === 'Pending' && user.method === 'email') return { step: 'code', scope: 'code' };
  if (user.twoFactorStatus === 'Pending') return { step: 'setup', scope: 'setup' };
  return { step: 'signed-in', scope: 'full' };
}
