import { t, tPlural } from '../../i18n/t.ts';
/** The shortest new password the vault and backups accept, asked by every page that sets one. */
export const MIN_PASSWORD_LENGTH = 10;

/** Characters as the user sees them (code points), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** The message that refuses a new password as too short, or '' when it is long enough. */
export function passwordTooShort(password: string): string {
  return passwordLength(password) < MIN_PASSWORD_LENGTH
    ? tPlural('passwordTooShort', MIN_PASSWORD_LENGTH)
    : '';
}

/** Why a new password and its confirmation cannot be used, or '' when they can. */
export function newPasswordProblem(password: string, confirm: string): string {
  return passwordTooShort(password) || (password === confirm ? '' : t('passwordsDiffer'));
}
