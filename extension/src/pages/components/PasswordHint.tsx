import { useEffect, useRef, useState } from 'preact/hooks';
import { uiLanguage } from '../../i18n/t.ts';
import { MIN_PASSWORD_LENGTH, passwordLength } from './password-length.ts';
import { passwordStrength } from './password-strength.ts';
import type { Rating } from './strength-estimator.ts';
import { StrengthRater } from './strength-rater.ts';

/**
 * The strength hint under a new-password field, read out politely as the password changes. While
 * the rating of what was just typed is computed, the previous one stays.
 */
export function PasswordHint({ password }: { password: string }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const rater = useRef<StrengthRater | null>(null);
  useEffect(() => {
    const started = new StrengthRater(uiLanguage(), (_rated, next) => setRating(next));
    rater.current = started;
    return () => started.close();
  }, []);
  useEffect(() => {
    if (passwordLength(password) >= MIN_PASSWORD_LENGTH) rater.current?.rate(password);
  }, [password]);
  const { level, hint } = passwordStrength(password, rating);
  return (
    <p class={`password-hint ${level}`} data-testid="password-hint" aria-live="polite">
      {hint}
    </p>
  );
}
