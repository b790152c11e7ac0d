import { useState } from 'preact/hooks';
import { newPasswordProblem } from '../../../../src/accounts/password-rules.ts';
import { useSession } from '../../session.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { NewPasswordFields } from '../../ui/NewPasswordFields.tsx';
import { errorText } from '../../ui/useLoad.ts';

/** Change password on the security page: the current password re-authenticates the change. */
export function PasswordPanel({ onChanged }: { onChanged: () => void }) {
  const { api } = useSession();
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
      await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      onChanged();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
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
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
