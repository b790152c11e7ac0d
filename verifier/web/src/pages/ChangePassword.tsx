import { useState } from 'preact/hooks';
import { newPasswordProblem } from '../../../src/accounts/password-rules.ts';
import { pathForStep } from '../flow.ts';
import { navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Field } from '../ui/Field.tsx';
import { Message } from '../ui/Message.tsx';
import { NewPasswordFields } from '../ui/NewPasswordFields.tsx';
import { errorText } from '../ui/useLoad.ts';

/** First sign-in with a one-time password: choose a new one before going on. */
export function ChangePassword() {
  const { api, refresh, rememberChallenge } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!current) return setError('Enter your current password.');
    const problem = newPasswordProblem(next, repeat);
    if (problem) return setError(problem);
    if (next === current) return setError('Choose a password different from the current one.');
    setBusy(true);
    setError(null);
    try {
      const answer = await api.changePassword(current, next);
      if (answer.step === 'code') rememberChallenge(answer);
      await refresh();
      navigate(pathForStep(answer.step), { replace: true });
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="narrow">
      <section class="card">
        <h1>Choose a new password</h1>
        <p>Your password was set by someone else. Choose your own before you go on.</p>
        <form onSubmit={submit} noValidate>
          <Field
            id="current-password"
            label="Current password"
            type="password"
            value={current}
            onValue={setCurrent}
            autoComplete="current-password"
            required
          />
          <NewPasswordFields
            label="New password"
            password={next}
            repeated={repeat}
            onPassword={setNext}
            onRepeated={setRepeat}
            errorId={error ? 'password-error' : undefined}
          />
          <Message id="password-error">{error}</Message>
          <button type="submit" class="button primary wide" disabled={busy}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        </form>
      </section>
    </div>
  );
}
