import { CLOCK_WARNING_MS } from '../../../settings/clock-check.ts';

export interface VaultWarningsProps {
  passwordless: boolean;
  timeOffsetMs: number;
}

/** Standing warnings above every unlocked screen: no password, or a clock too far off. */
export function VaultWarnings({ passwordless, timeOffsetMs }: VaultWarningsProps) {
  return (
    <>
      {passwordless && (
        <p class="warning">No password: anyone using this browser profile can read your codes.</p>
      )}
      {Math.abs(timeOffsetMs) > CLOCK_WARNING_MS && (
        <p class="warning" role="alert">
          This device’s clock is off by {Math.round(Math.abs(timeOffsetMs) / 1000)} s; codes use the corrected
          time. Fix the clock in your system settings.
        </p>
      )}
    </>
  );
}
