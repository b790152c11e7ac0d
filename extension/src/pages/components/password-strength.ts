import { t, tPlural } from '../../i18n/t.ts';
import { MIN_PASSWORD_LENGTH, passwordLength } from './password-length.ts';
import type { Rating } from './strength-estimator.ts';

export type StrengthLevel = 'empty' | 'too-short' | 'unrated' | 'weak' | 'fair' | 'strong';

export interface PasswordStrength {
  level: StrengthLevel;
  /** One sentence for the user: how strong it looks and what would help. */
  hint: string;
}

/**
 * The hint beside a new password, from zxcvbn's rating of it: common passwords, words, names,
 * keyboard runs, repeats and dates count for what they are worth. Until a rating has come only the
 * length is judged. It is advice only; the one rule enforced is the minimum length.
 */
export function passwordStrength(password: string, rating: Rating | null): PasswordStrength {
  if (password === '') return { level: 'empty', hint: '' };
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    return { level: 'too-short', hint: tPlural('strengthTooShort', MIN_PASSWORD_LENGTH) };
  }
  if (!rating) return { level: 'unrated', hint: '' };
  const { score, known } = rating;
  if (score <= 2) return { level: 'weak', hint: t(known ? 'strengthCommon' : 'strengthWeak') };
  if (score === 3) return { level: 'fair', hint: t('strengthFair') };
  return { level: 'strong', hint: t('strengthStrong') };
}
