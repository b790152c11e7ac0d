import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';

interface Props {
  submit: (code: string) => Promise<void>;
  /** Back to the authenticator code. */
  onCancel: () => void;
  /** A refusal that ends the challenge (the page then offers only the way back to sign in). */
  onChallengeVoid: (text: string) => void;
}

/** The code step's other way in: one of the user's recovery codes, typed with or without dashes. */
export function RecoveryCodeForm({ submit, onCancel, onChallengeVoid }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: Event) => {
    event.preventDefault();
    if (code.trim() === '') {
      setError('Enter one of your recovery codes.');
      return;
    }
    setBusy(true);
    try {
      await submit(code);
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'challenge_void') onChallengeVoid(errorText(caught));
      setError(errorText(caught));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={send} noValidate>
      <Field
        id="recovery-code"
        label="Recovery code"
        value={code}
        onValue={setCode}
        autoComplete="off"
        autoCapitalize="none"
        spellcheck={false}
        maxLength={64}
        hint="One of the codes you saved when you set up two-factor authentication, like 7K3QM-V9XAD-2HRTE-5WNBP. Each works once."
        errorId={error ? 'recovery-code-error' : undefined}
      />
      <Message id="recovery-code-error">{error}</Message>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in with recovery code'}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          Use my authenticator instead
        </button>
      </div>
    </form>
  );
}
