import { useState } from 'preact/hooks';
import { type ManagedPolicy, NO_POLICY } from '../../../policy/managed-policy.ts';
import { CLOCK_MAX_CORRECTION_MS, CLOCK_WARNING_MS, type ClockCheck } from '../../../settings/clock-check.ts';
import {
  MAX_IDLE_MINUTES,
  MIN_IDLE_MINUTES,
  type Settings as SettingsValues,
} from '../../../settings/settings.ts';
import { NewPasswordInputs } from '../../components/NewPasswordInputs.tsx';
import { newPasswordProblem } from '../../components/password-length.ts';
import { SyncSettings } from './SyncSettings.tsx';

export interface SettingsProps {
  settings: SettingsValues;
  /** What the organisation enforces; the fields it fixes say so. */
  policy?: ManagedPolicy;
  passwordless: boolean;
  onSaveIdle(minutes: number): void;
  onSaveLockOnSystemIdle(on: boolean): void;
  onCheckTime(url: string): Promise<ClockCheck>;
  /** Resolves to an error message, or '' on success. */
  onChangePassword(current: string | null, next: string): Promise<string>;
  onClose(): void;
}

function describeOffset(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 1000);
  if (seconds === 0) return 'This device’s clock matches the server.';
  return `This device’s clock is ${seconds} s ${offsetMs > 0 ? 'behind' : 'ahead of'} the server.`;
}

function describeCheck(check: ClockCheck): string {
  if (!check.correct) {
    return `${describeOffset(check.offsetMs)} That is more than ${CLOCK_MAX_CORRECTION_MS / 60_000} minutes, so it was not applied: a server that far off may be wrong. Set this device’s clock in your system settings.`;
  }
  if (check.warn) {
    return `${describeOffset(check.offsetMs)} Codes may be refused: fix the device clock. Until then codes use the server’s time.`;
  }
  return `${describeOffset(check.offsetMs)} Codes use the corrected time.`;
}

export function Settings({
  settings,
  policy = NO_POLICY,
  passwordless,
  onSaveIdle,
  onSaveLockOnSystemIdle,
  onCheckTime,
  onChangePassword,
  onClose,
}: SettingsProps) {
  const [timeMessage, setTimeMessage] = useState('');
  const [timeWarning, setTimeWarning] = useState(Math.abs(settings.timeOffsetMs) > CLOCK_WARNING_MS);
  const [passwordMessage, setPasswordMessage] = useState('');
  const [verifierUrl, setVerifierUrl] = useState(settings.verifierUrl);

  const checkTime = () => {
    setTimeMessage('Checking…');
    onCheckTime(policy.timeSourceUrl ?? verifierUrl).then(
      (check) => {
        setTimeWarning(check.warn);
        setTimeMessage(describeCheck(check));
      },
      (error: Error) => setTimeMessage(error.message),
    );
  };

  const changePassword = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const next = String(data.get('next') ?? '');
    const problem = newPasswordProblem(next, String(data.get('confirm') ?? ''));
    if (problem) return setPasswordMessage(problem);
    setPasswordMessage('Saving…');
    void onChangePassword(passwordless ? null : String(data.get('current') ?? ''), next).then((error) => {
      setPasswordMessage(error || 'Password changed.');
      if (!error) {
        form.reset();
      }
    });
  };

  return (
    <section class="panel settings" aria-label="Settings">
      <h2>Settings</h2>
      <label>
        Lock after (minutes without use)
        <input
          type="number"
          min={MIN_IDLE_MINUTES}
          max={policy.maxAutoLockMinutes ?? MAX_IDLE_MINUTES}
          defaultValue={String(settings.idleMinutes)}
          onChange={(e) => onSaveIdle(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </label>
      {policy.maxAutoLockMinutes !== null && (
        <p class="hint">Your organisation allows at most {policy.maxAutoLockMinutes} minutes.</p>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnSystemIdle}
          onChange={(e) => onSaveLockOnSystemIdle((e.currentTarget as HTMLInputElement).checked)}
        />
        Also lock when the computer locks or is idle that long
      </label>
      <fieldset>
        <legend>Time</legend>
        <label>
          Time server (an HTTPS address, such as your verifier)
          <input
            type="url"
            value={policy.timeSourceUrl ?? verifierUrl}
            readOnly={policy.timeSourceUrl !== null}
            placeholder="https://verifier.example.com"
            onInput={(e) => setVerifierUrl((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {policy.timeSourceUrl !== null && <p class="hint">Set by your organisation.</p>}
        <button type="button" onClick={checkTime}>
          Check time
        </button>
        {timeMessage && (
          <p class={timeWarning ? 'warning' : ''} role="status">
            {timeMessage}
          </p>
        )}
      </fieldset>
      <SyncSettings passwordless={passwordless} />
      <form onSubmit={changePassword} aria-label="Change password">
        <fieldset>
          <legend>{passwordless ? 'Set a password' : 'Change password'}</legend>
          {passwordless && <p class="warning">Your accounts are not protected by a password.</p>}
          {!passwordless && (
            <label>
              Current password
              <input name="current" type="password" autocomplete="current-password" />
            </label>
          )}
          <NewPasswordInputs label="New password" name="next" />
          <button type="submit">{passwordless ? 'Set password' : 'Change password'}</button>
          {passwordMessage && <p role="status">{passwordMessage}</p>}
        </fieldset>
      </form>
      <button type="button" onClick={onClose}>
        Done
      </button>
    </section>
  );
}
