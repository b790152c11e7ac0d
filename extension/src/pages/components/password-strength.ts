import { t, tPlural } from '../../i18n/t.ts';
import { MIN_PASSWORD_LENGTH, passwordLength } from './password-length.ts';
import type { Estimator } from './strength-estimator.ts';

export type StrengthLevel = 'empty' | 'too-short' | 'unrated' | 'weak' | 'fair' | 'strong';

export interface PasswordStrength {
  level: StrengthLevel;
  /** One sentence for the user: how strong it looks and what would help. */
  hint: string;
}

/**
 * The hint beside a new password, from zxcvbn's estimate: common passwords, words, names, keyboard
 * runs, repeats and dates count for what they are worth. Until the estimator has loaded only the
 * length is rated. It is advice only; the one rule enforced is the minimum length.
 */
export function passwordStrength(password: string, estimate: Estimator | null): PasswordStrength {
  if (password === '') return { level: 'empty', hint: '' };
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    return { level: 'too-short', hint: tPlural('strengthTooShort', MIN_PASSWORD_LENGTH) };
  }
  if (!estimate) return { level: 'unrated', hint: '' };
  const { score, sequence } = estimate(password);
  if (score <= 2) {
    const known = sequence.some((part) => part.pattern === 'dictionary');
    return { level: 'weak', hint: t(known ? 'strengthCommon' : 'strengthWeak') };
  }
  if (score === 3) return { level: 'fair', hint: t('strengthFair') };
  return { level: 'strong', hint: t('strengthStrong') };
}
