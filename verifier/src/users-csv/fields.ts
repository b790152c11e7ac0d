import { bad, type Checked, ok } from '../accounts/identity-rules.ts';
import type { SignInSource } from './columns.ts';

// Usernames, e-mail addresses and display names follow the rules every way of making a user shares
// (accounts/identity-rules.ts); the columns below exist only in the file.

export function checkSource(text: string): Checked<SignInSource> {
  const value = text.toLowerCase();
  if (value === 'local' || value === 'sso') return ok(value);
  return bad(`The sign-in source must be "local" or "sso", not "${text}".`);
}

export function checkYesNo(text: string): Checked<boolean> {
  const value = text.toLowerCase();
  if (value === 'y') return ok(true);
  if (value === 'n') return ok(false);
  return bad(`"2FA Enabled" must be y or n, not "${text}".`);
}
