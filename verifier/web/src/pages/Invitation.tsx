import { parseInvitationToken } from '../../../src/invitations/invitation-link.ts';
import type { OpenedInvitation } from '../api/types.ts';
import { pathForStep } from '../flow.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { NewPasswordForm } from '../ui/NewPasswordForm.tsx';
import { useLoad } from '../ui/useLoad.ts';

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
  const save = async (next: string) => {
    if (!token) return;
    const answer = await api.acceptInvitation(token, next);
    if (answer.step === 'code') rememberChallenge(answer);
    // The link has done its work: keep it out of the history and the address bar.
    window.history.replaceState(null, '', window.location.pathname);
    await refresh();
    navigate(pathForStep(answer.step), { replace: true });
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
            <NewPasswordForm
              withCurrent={false}
              label="Password"
              submitLabel="Set password and continue"
              wide
              save={save}
            >
              <input
                type="text"
                name="username"
                autoComplete="username"
                value={opened.data.username}
                hidden
                readOnly
              />
            </NewPasswordForm>
          </>
        )}
      </section>
    </div>
  );
}
