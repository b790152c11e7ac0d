import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tPlural, uiLanguage } from '../../i18n/t.ts';
import { MIN_PASSWORD_LENGTH, passwordLength } from './password-length.ts';
import { passwordStrength } from './password-strength.ts';
import type { Rating } from './strength-estimator.ts';
import { StrengthRater } from './strength-rater.ts';

/** Every sentence the hint can show, so its box can be as tall as the longest in this language. */
const everyHint = () => [
  tPlural('strengthTooShort', MIN_PASSWORD_LENGTH),
  t('strengthWeak'),
  t('strengthCommon'),
  t('strengthFair'),
  t('strengthStrong'),
];

/**
 * The strength hint under a new-password field, read out politely as the password changes. While
 * the rating of what was just typed is computed, the previous one stays. Once typing has begun the
 * hint keeps the height of its longest sentence, so the fields and buttons below it stay where
 * they are as ratings arrive: a click aimed at Save lands on Save.
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
    <div class="password-hint-box">
      <p class={`password-hint ${level}`} data-testid="password-hint" aria-live="polite">
        {hint}
      </p>
      {level !== 'empty' &&
        everyHint().map((sentence) => (
          <p key={sentence} class="password-hint sizer" aria-hidden="true">
            {sentence}
          </p>
        ))}
    </div>
  );
}
