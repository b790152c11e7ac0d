import { useState } from 'preact/hooks';
import type { BulkInvitations as Result } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

const users = (count: number) => (count === 1 ? '1 user' : `${count} users`);

/**
 * The users page's "Send invitations": the count of users without a password (after a CSV import,
 * typically), a confirmation, then what was sent and who was not invited, and why. The server sends
 * each user at most one invitation per 10 minutes, so a second press mails nobody twice.
 */
export function BulkInvitations({ round }: { round: number }) {
  const { api } = useSession();
  const counts = useLoad(() => api.invitationCounts(), [round]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!counts.data || counts.data.withoutPassword === 0) return null;
  const { withoutPassword, withAddress } = counts.data;

  const send = async () => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      setResult(await api.sendAllInvitations());
      counts.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="note" id="bulk-invitations">
      <p>
        {users(withoutPassword)} {withoutPassword === 1 ? 'has' : 'have'} no password yet
        {withAddress < withoutPassword ? ` (${withoutPassword - withAddress} without an e-mail address)` : ''}
        .
      </p>
      <button
        type="button"
        class="button secondary"
        disabled={busy || withAddress === 0}
        onClick={() => setConfirming(true)}
      >
        {busy ? 'Sending…' : 'Send invitations'}
      </button>
      {confirming && (
        <ConfirmDialog
          id="confirm-invitations"
          title={`Send invitations to ${users(withAddress)}?`}
          confirmLabel="Send invitations"
          onConfirm={() => void send()}
          onCancel={() => setConfirming(false)}
        >
          <p>
            Each gets an e-mail with a link to choose a password, valid 24 hours. A user invited in the last
            10 minutes is skipped.
          </p>
        </ConfirmDialog>
      )}
      <Message>{error ?? result?.stopped?.message}</Message>
      {result && (
        <div id="bulk-invitations-result">
          <Message kind="success">
            {`Sent ${result.sent.length === 1 ? '1 invitation' : `${result.sent.length} invitations`}.`}
          </Message>
          {result.refused.length > 0 && (
            <ul>
              {result.refused.map((refused) => (
                <li key={refused.username}>
                  {refused.username}: {refused.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
