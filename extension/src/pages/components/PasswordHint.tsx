import { passwordStrength } from './password-strength.ts';

/** The strength hint under a new-password field, read out politely as the password changes. */
export function PasswordHint({ password }: { password: string }) {
  const { level, hint } = passwordStrength(password);
  return (
    <p class={`password-hint ${level}`} data-testid="password-hint" aria-live="polite">
      {hint}
    </p>
  );
}
