import { useEffect, useState } from 'preact/hooks';
import type { RecoveryCodesLeft } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { CodeInput } from '../../ui/CodeInput.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';
import { RecoveryCodesList } from './RecoveryCodesList.tsx';

/** Two or fewer codes left is running low: the user is asked to make new ones. */
export const LOW_CODES = 2;

/**
 * Recovery codes on the user's own pages: how many are left, a nudge when few are, and a new set
 * after the password and a current authenticator code (the old ones stop working).
 */
export function RecoveryCodesPanel() {
  const { api, me } = useSession();
  const [left, setLeft] = useState<RecoveryCodesLeft | null>(null);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [fresh, setFresh] = useState<string[] | null>(null);

  useEffect(() => {
    api.recoveryCodesLeft().then(setLeft, (caught) => setError(errorText(caught)));
  }, [fresh]);

  if (!me || (left && !left.available)) return null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api.regenerateRecoveryCodes(password, code);
      setFresh(answer.codes);
      setOpen(false);
      setPassword('');
      setCode('');
    } catch (caught) {
      setError(errorText(caught));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  const low = left !== null && left.left <= LOW_CODES;
  return (
    <section class="card" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">Recovery codes</h2>
      {left && (
        <p>
          {left.left === 1 ? '1 recovery code left.' : `${left.left} recovery codes left.`} Each one signs you
          in once when you cannot use your authenticator.
        </p>
      )}
      {low && !fresh && (
        <Message kind="info">
          {left?.left === 0
            ? 'You have no recovery codes left. Make new ones now, so a lost phone does not lock you out.'
            : 'You are running out of recovery codes. Make new ones now.'}
        </Message>
      )}
      {fresh && (
        <>
          <Message kind="success">New recovery codes are ready; the old ones no longer work.</Message>
          <RecoveryCodesList codes={fresh} organisation={me.organisationName} username={me.user.username} />
        </>
      )}
      {open ? (
        <form onSubmit={submit} noValidate>
          <Field
            id="recovery-password"
            label="Current password"
            type="password"
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            errorId={error ? 'recovery-error' : undefined}
          />
          <CodeInput
            id="recovery-totp"
            label="Authentication code"
            digits={6}
            value={code}
            onValue={setCode}
            errorId={error ? 'recovery-error' : undefined}
          />
          <Message id="recovery-error">{error}</Message>
          <div class="actions">
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? 'Making codes…' : 'Make new codes'}
            </button>
            <button type="button" class="button secondary" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button
          type="button"
          class={low ? 'button primary' : 'button secondary'}
          onClick={() => setOpen(true)}
        >
          Make new recovery codes
        </button>
      )}
    </section>
  );
}
