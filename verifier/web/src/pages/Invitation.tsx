import { useState } from 'preact/hooks';
import { newPasswordProblem } from '../../../src/accounts/password-rules.ts';
import { parseInvitationToken } from '../../../src/invitations/invitation-link.ts';
import type { OpenedInvitation } from '../api/types.ts';
import { pathForStep } from '../flow.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { Message } from '../ui/Message.tsx';
import { NewPasswordFields } from '../ui/NewPasswordFields.tsx';
import { errorText, useLoad } from '../ui/useLoad.ts';

const cutShort =
  'This invitation link is incomplete: open it again from the e-mail, or copy the whole address. If that does not help, ask your admin for a new one.';

/** "4 December 2026, 10:15" in the reader's own time zone. */
const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * The page an invitation link opens: the token is in the link's fragment (never sent to the server
 * in a URL); the page reads it, asks who it is for, and sets the first password with it.
 */
export function Invitation() {
  const { api, refresh, rememberChallenge } = useSession();
  const token = parseInvitationToken(window.location.hash);
  const opened = useLoad<OpenedInvitation | null>(
    () => (token ? api.openInvitation(token) : Promise.resolve(null)),
    [token],
  );
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!token) return;
    const problem = newPasswordProblem(next, repeat);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      const answer = await api.acceptInvitation(token, next);
      if (answer.step === 'code') rememberChallenge(answer);
      // The link has done its work: keep it out of the history and the address bar.
      window.history.replaceState(null, '', window.location.pathname);
      await refresh();
      navigate(pathForStep(answer.step), { replace: true });
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const refusal = !token ? cutShort : opened.error;
  return (
    <div class="narrow">
      <section class="card">
        <h1>{refusal ? 'This invitation cannot be used' : 'Choose your password'}</h1>
        {refusal && (
          <>
            <div class="message message-error" role="alert" id="invitation-refused">
              {refusal}
            </div>
            <p>
              Already chose your password? <Link href="/sign-in">Sign in</Link>.
            </p>
          </>
        )}
        {!refusal && !opened.data && <p aria-busy="true">Loading…</p>}
        {!refusal && opened.data && (
          <>
            <p>
              {opened.data.organisationName} invites{' '}
              <strong>{opened.data.displayName || opened.data.username}</strong> to sign in as{' '}
              <strong>{opened.data.username}</strong>. Choose a password; two-factor authentication is set up
              next.
            </p>
            <p class="hint">This link works once, until {when(opened.data.expiresAt)}.</p>
            <form onSubmit={submit} noValidate>
              <input
                type="text"
                name="username"
                autoComplete="username"
                value={opened.data.username}
                hidden
                readOnly
              />
              <NewPasswordFields
                label="Password"
                password={next}
                repeated={repeat}
                onPassword={setNext}
                onRepeated={setRepeat}
                errorId={error ? 'password-error' : undefined}
              />
              <Message id="password-error">{error}</Message>
              <button type="submit" class="button primary wide" disabled={busy}>
                {busy ? 'Saving…' : 'Set password and continue'}
              </button>
            </form>
          </>
        )}
      </section>
    </div>
  );
}
