import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { newPasswordProblem } from '../../../src/accounts/password-rules.ts';
import { Field } from './Field.tsx';
import { Message } from './Message.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { errorText } from './useLoad.ts';

export interface NewPasswordFormProps {
  /** Asks for the current password too (it re-authenticates the change) and refuses reusing it. */
  withCurrent: boolean;
  /** The new password field's label. */
  label: string;
  submitLabel: string;
  wide?: boolean;
  /** Saves the password; what it throws is shown under the fields, which keep what was typed. */
  save: (next: string, current: string) => Promise<void>;
  /** Fields before the password ones, such as the hidden username a password manager reads. */
  children?: ComponentChildren;
}

/** Choosing a password, with the server's rules checked before sending: every page that sets one uses it. */
export function NewPasswordForm({
  withCurrent,
  label,
  submitLabel,
  wide,
  save,
  children,
}: NewPasswordFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (withCurrent && !current) return setError('Enter your current password.');
    const problem = newPasswordProblem(next, repeat);
    if (problem) return setError(problem);
    if (withCurrent && next === current) return setError('Choose a password different from the current one.');
    setBusy(true);
    setError(null);
    try {
      await save(next, current);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {children}
      {withCurrent && (
        <Field
          id="current-password"
          label="Current password"
          type="password"
          value={current}
          onValue={setCurrent}
          autoComplete="current-password"
          required
        />
      )}
      <NewPasswordFields
        label={label}
        password={next}
        repeated={repeat}
        onPassword={setNext}
        onRepeated={setRepeat}
        errorId={error ? 'password-error' : undefined}
      />
      <Message id="password-error">{error}</Message>
      <button type="submit" class={wide ? 'button primary wide' : 'button primary'} disabled={busy}>
        {busy ? 'Saving…' : submitLabel}
      </button>
    </form>
  );
}
