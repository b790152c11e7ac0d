import { useState } from 'preact/hooks';
import type { AdminUser } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

/** "4 December 2026, 10:15" in the admin's time zone. */
export const when = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * Edit user's invitation, for a local user without a password: send one (or again), or say why none
 * can go (no address). SSO users and users with a password never see it: they are not invited.
 */
export function InvitationPanel({ user }: { user: AdminUser }) {
  const { api } = useSession();
  const invitation = useLoad(() => api.userInvitation(user.id), [user.id]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user.source !== 'local' || user.hasPassword !== false) return null;

  const send = async () => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const sent = await api.sendInvitation(user.id);
      setStatus(`Invitation sent to ${sent.sentTo}. The link works once, until ${when(sent.expiresAt)}.`);
      invitation.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const pending = invitation.data?.pending;
  return (
    <div class="note" id="user-invitation">
      <h2>Invitation</h2>
      {user.email.trim() === '' ? (
        <p>Add an e-mail address and save to send this user an invitation to choose a password.</p>
      ) : pending ? (
        <p>
          An invitation was sent to {pending.sentTo} on {when(pending.sentAt)}; its link works until{' '}
          {when(pending.expiresAt)}. Sending again makes the older link stop working.
        </p>
      ) : (
        <p>Send {user.email} a link to choose a password (valid 24 hours, once); two-factor setup follows.</p>
      )}
      <Message>{error ?? invitation.error}</Message>
      <Message kind="success">{status}</Message>
      {user.email.trim() !== '' && (
        <button type="button" class="button secondary" disabled={busy} onClick={() => void send()}>
          {busy ? 'Sending…' : pending ? 'Send again' : 'Send invitation'}
        </button>
      )}
    </div>
  );
}
