import { useState } from 'preact/hooks';
import { t } from '../../../i18n/t.ts';
import { NewPasswordInputs } from '../../components/NewPasswordInputs.tsx';
import { newPasswordProblem } from '../../components/password-length.ts';

export interface SetupProps {
  onCreate(password: string | null): void;
  busy: boolean;
  /** The organisation's policy asks for a password: no way around it is offered. */
  passwordRequired?: boolean;
  /** Looks for accounts synced through the browser's account; false when there are none. */
  onFindSynced?(): Promise<boolean>;
}

/** First run: a password for the vault, or an explicit, warned choice to keep it unprotected. */
export function Setup({ onCreate, busy, passwordRequired = false, onFindSynced }: SetupProps) {
  const [error, setError] = useState('');
  const [syncMessage, setSyncMessage] = useState('');
  const findSynced = () => {
    setSyncMessage(t('lookingForSynced'));
    onFindSynced?.().then(
      (found) => setSyncMessage(found ? '' : t('noSyncedFound')),
      (failure: Error) => setSyncMessage(failure.message),
    );
  };
  const [withoutPassword, setWithoutPassword] = useState(false);
  const submit = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    const problem = newPasswordProblem(password, String(data.get('confirm') ?? ''));
    if (problem) {
      setError(problem);
      return;
    }
    onCreate(password);
  };
  if (withoutPassword && !passwordRequired) {
    return (
      <section class="panel" aria-label={t('withoutPasswordLabel')}>
        <h1>{t('withoutPasswordHeading')}</h1>
        <p class="warning" role="alert">
          {t('withoutPasswordWarning')}
        </p>
        <div class="actions">
          <button type="button" class="danger" disabled={busy} onClick={() => onCreate(null)}>
            {t('withoutPasswordConfirm')}
          </button>
          <button type="button" onClick={() => setWithoutPassword(false)}>
            {t('back')}
          </button>
        </div>
      </section>
    );
  }
  return (
    <form class="panel" aria-label={t('setPasswordLabel')} onSubmit={submit} noValidate>
      <h1>{t('setupHeading')}</h1>
      <p>{t('setupIntro')}</p>
      <NewPasswordInputs label={t('password')} confirmLabel={t('confirmPassword')} name="password" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('settingUp') : t('setPassword')}
        </button>
        {onFindSynced && (
          <button type="button" class="link" onClick={findSynced}>
            {t('findSynced')}
          </button>
        )}
        {passwordRequired ? (
          <p class="hint">{t('organisationRequiresPassword')}</p>
        ) : (
          <button type="button" class="link" onClick={() => setWithoutPassword(true)}>
            {t('continueWithoutPassword')}
          </button>
        )}
      </div>
      {syncMessage && <p role="status">{syncMessage}</p>}
    </form>
  );
}
