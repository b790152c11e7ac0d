import { useState } from 'preact/hooks';
import type { BulkAction, BulkRequest, BulkResult } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';

const users = (n: number) => (n === 1 ? '1 user' : `${n} users`);

const ACTIONS: Record<BulkAction, { button: string; title: (n: string) => string; body: string }> = {
  'enable-two-factor': {
    button: 'Enable 2FA',
    title: (n) => `Enable 2FA for ${n}?`,
    body: 'They are asked to set up a second factor at their next sign-in. SSO users and users whose group does not allow 2FA are skipped.',
  },
  'reset-two-factor': {
    button: 'Reset 2FA',
    title: (n) => `Reset 2FA for ${n}?`,
    body: 'For lost devices: their authenticator or confirmed address stops working, they are signed out everywhere and set up again at the next sign-in. SSO users and your own account are skipped.',
  },
  remind: {
    button: 'Send reminder',
    title: (n) => `Send a reminder to ${n}?`,
    body: 'Each Pending user with an e-mail address gets a reminder to set up 2FA. Users who are not Pending are skipped.',
  },
  invite: {
    button: 'Send invitation',
    title: (n) => `Send an invitation to ${n}?`,
    body: 'Each user without a password gets a link to choose one, valid 24 hours. Users who have a password, SSO users and users invited in the last 10 minutes are skipped.',
  },
};

export interface UsersBulkBarProps {
  /** How many users the action would go to. */
  count: number;
  /** The request's selection: the ticked ids, or the filter when every match is selected. */
  selection: Omit<BulkRequest, 'action'>;
  onDone: () => void;
}

/** The bulk actions on the selection, each behind a dialog that says how many users it touches. */
export function UsersBulkBar({ count, selection, onDone }: UsersBulkBarProps) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: BulkAction) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.bulkUsers({ action, ...selection }));
      onDone();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {count > 0 && (
        <fieldset class="bulk-bar">
          <legend class="visually-hidden">Bulk actions</legend>
          <p>{users(count)} selected.</p>
          {(Object.keys(ACTIONS) as BulkAction[]).map((action) => (
            <button
              key={action}
              type="button"
              class={`button ${action === 'reset-two-factor' ? 'danger' : 'secondary'}`}
              disabled={busy}
              onClick={() => setConfirming(action)}
            >
              {ACTIONS[action].button}
            </button>
          ))}
        </fieldset>
      )}
      {confirming && (
        <ConfirmDialog
          id="confirm-bulk"
          title={ACTIONS[confirming].title(users(count))}
          confirmLabel={ACTIONS[confirming].button}
          onConfirm={() => void run(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{ACTIONS[confirming].body}</p>
        </ConfirmDialog>
      )}
      <Message>{error ?? result?.stopped?.message}</Message>
      <Message kind="success" id="bulk-summary">
        {result?.summary}
      </Message>
      {result && (
        <div id="bulk-result">
          {result.skipped.length > 0 && (
            <details>
              <summary>Who was skipped, and why</summary>
              <ul>
                {result.skipped.map((s) => (
                  <li key={s.username}>
                    {s.username}: {s.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </>
  );
}
