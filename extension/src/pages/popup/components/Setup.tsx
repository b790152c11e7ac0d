import { useState } from 'preact/hooks';
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
    setSyncMessage('Looking…');
    onFindSynced?.().then(
      (found) => setSyncMessage(found ? '' : 'No synced accounts were found in this browser’s account.'),
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
      <section class="panel" aria-label="Use without a password">
        <h1>Use without a password?</h1>
        <p class="warning" role="alert">
          Anyone who can use this browser profile, and any program that can read its files, will be able to
          read your two-factor secrets and make codes. You can set a password later in Settings.
        </p>
        <div class="actions">
          <button type="button" class="danger" disabled={busy} onClick={() => onCreate(null)}>
            I understand, use without a password
          </button>
          <button type="button" onClick={() => setWithoutPassword(false)}>
            Back
          </button>
        </div>
      </section>
    );
  }
  return (
    <form class="panel" aria-label="Set a password" onSubmit={submit} noValidate>
      <h1>Protect your codes with a password</h1>
      <p>Your accounts are encrypted with this password. It cannot be recovered if you forget it.</p>
      <NewPasswordInputs label="Password" name="password" />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Setting up…' : 'Set password'}
        </button>
        {onFindSynced && (
          <button type="button" class="link" onClick={findSynced}>
            Bring back accounts synced with this browser’s account…
          </button>
        )}
        {passwordRequired ? (
          <p class="hint">Your organisation requires a password.</p>
        ) : (
          <button type="button" class="link" onClick={() => setWithoutPassword(true)}>
            Continue without a password…
          </button>
        )}
      </div>
      {syncMessage && <p role="status">{syncMessage}</p>}
    </form>
  );
}
