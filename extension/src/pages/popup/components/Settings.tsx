import { useState } from 'preact/hooks';
import { t, tPlural } from '../../../i18n/t.ts';
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
  if (seconds === 0) return t('clockMatches');
  return t(offsetMs > 0 ? 'clockBehindServer' : 'clockAheadServer', seconds);
}

function describeCheck(check: ClockCheck): string {
  if (!check.correct) {
    return tPlural('clockNotApplied', CLOCK_MAX_CORRECTION_MS / 60_000, describeOffset(check.offsetMs));
  }
  if (check.warn) {
    return t('clockMayBeRefused', describeOffset(check.offsetMs));
  }
  return t('clockCorrected', describeOffset(check.offsetMs));
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
    setTimeMessage(t('checking'));
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
    setPasswordMessage(t('saving'));
    void onChangePassword(passwordless ? null : String(data.get('current') ?? ''), next).then((error) => {
      setPasswordMessage(error || t('passwordChanged'));
      if (!error) {
        form.reset();
      }
    });
  };

  return (
    <section class="panel settings" aria-label={t('settings')}>
      <h2>{t('settings')}</h2>
      <label>
        {t('lockAfter')}
        <input
          type="number"
          min={MIN_IDLE_MINUTES}
          max={policy.maxAutoLockMinutes ?? MAX_IDLE_MINUTES}
          defaultValue={String(settings.idleMinutes)}
          onChange={(e) => onSaveIdle(Number((e.currentTarget as HTMLInputElement).value))}
        />
      </label>
      {policy.maxAutoLockMinutes !== null && (
        <p class="hint">{tPlural('organisationMaxMinutes', policy.maxAutoLockMinutes)}</p>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnSystemIdle}
          onChange={(e) => onSaveLockOnSystemIdle((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('lockOnSystemIdle')}
      </label>
      <fieldset>
        <legend>{t('timeLegend')}</legend>
        <label>
          {t('timeServer')}
          <input
            type="url"
            value={policy.timeSourceUrl ?? verifierUrl}
            readOnly={policy.timeSourceUrl !== null}
            placeholder={t('timeServerPlaceholder')}
            onInput={(e) => setVerifierUrl((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {policy.timeSourceUrl !== null && <p class="hint">{t('setByOrganisation')}</p>}
        <button type="button" onClick={checkTime}>
          {t('checkTime')}
        </button>
        {timeMessage && (
          <p class={timeWarning ? 'warning' : ''} role="status">
            {timeMessage}
          </p>
        )}
      </fieldset>
      <SyncSettings passwordless={passwordless} />
      <form onSubmit={changePassword} aria-label={t('changePassword')}>
        <fieldset>
          <legend>{passwordless ? t('setPasswordLabel') : t('changePassword')}</legend>
          {passwordless && <p class="warning">{t('notProtected')}</p>}
          {!passwordless && (
            <label>
              {t('currentPassword')}
              <input name="current" type="password" autocomplete="current-password" />
            </label>
          )}
          <NewPasswordInputs label={t('newPassword')} confirmLabel={t('confirmNewPassword')} name="next" />
          <button type="submit">{passwordless ? t('setPassword') : t('changePassword')}</button>
          {passwordMessage && <p role="status">{passwordMessage}</p>}
        </fieldset>
      </form>
      <button type="button" onClick={onClose}>
        {t('done')}
      </button>
    </section>
  );
}
