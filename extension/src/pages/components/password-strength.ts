import { t, tPlural } from '../../i18n/t.ts';
import { MIN_PASSWORD_LENGTH, passwordLength } from './password-length.ts';

export type StrengthLevel = 'empty' | 'too-short' | 'weak' | 'fair' | 'strong';

export interface PasswordStrength {
  level: StrengthLevel;
  /** One sentence for the user: how strong it looks and what would help. */
  hint: string;
}

// Runs found in the most common guessed passwords; a password made mostly of them is weak.
const COMMON_RUNS = ['password', 'qwerty', 'azerty', 'asdf', '1234', 'abcd', 'letmein', 'admin', 'welcome'];

/** Kinds of character used: lower case, upper case, digits, spaces and everything else. */
function variety(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /\s/u, /[^\p{Ll}\p{Lu}\p{Nd}\s]/u].filter((kind) =>
    kind.test(password),
  ).length;
}

/** Length left once repeats, sequences (abc, 123) and common runs are counted once. */
function effectiveLength(password: string): number {
  let lower = password.toLowerCase();
  for (const run of COMMON_RUNS) lower = lower.replaceAll(run, run[0] ?? '');
  const chars = [...lower];
  let length = chars.length > 0 ? 1 : 0;
  for (let i = 1; i < chars.length; i++) {
    const step = (chars[i]?.codePointAt(0) ?? 0) - (chars[i - 1]?.codePointAt(0) ?? 0);
    if (step !== 0 && Math.abs(step) !== 1) length++;
  }
  return length;
}

/**
 * A rough strength hint from length and variety: no word list, so it cannot see that a phrase is
 * well known. It is advice only; the one rule enforced is the minimum length.
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password === '') return { level: 'empty', hint: '' };
  if (passwordLength(password) < MIN_PASSWORD_LENGTH) {
    return { level: 'too-short', hint: tPlural('strengthTooShort', MIN_PASSWORD_LENGTH) };
  }
  const score = effectiveLength(password) + 2 * (variety(password) - 1);
  if (score < 12) {
    return { level: 'weak', hint: t('strengthWeak') };
  }
  if (score < 20) {
    return { level: 'fair', hint: t('strengthFair') };
  }
  return { level: 'strong', hint: t('strengthStrong') };
}
