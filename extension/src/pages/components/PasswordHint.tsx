import { useEffect, useState } from 'preact/hooks';
import { uiLanguage } from '../../i18n/t.ts';
import { passwordStrength } from './password-strength.ts';
import { type Estimator, loadEstimator } from './strength-estimator.ts';

/** The strength hint under a new-password field, read out politely as the password changes. */
export function PasswordHint({ password }: { password: string }) {
  const [estimate, setEstimate] = useState<Estimator | null>(null);
  useEffect(() => {
    let shown = true;
    // The hint is advice: should the word lists fail to load, the length rule still shows.
    loadEstimator(uiLanguage()).then(
      (estimator) => shown && setEstimate(() => estimator),
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, []);
  const { level, hint } = passwordStrength(password, estimate);
  return (
    <p class={`password-hint ${level}`} data-testid="password-hint" aria-live="polite">
      {hint}
    </p>
  );
}
