import { useState } from 'preact/hooks';
import type { RememberedDevice, SecurityOverview } from '../api/types.ts';
import { formatDateTime } from '../format.ts';
import { useSession } from '../session.tsx';
import { Message } from '../ui/Message.tsx';
import { PasswordConfirmDialog } from '../ui/PasswordConfirmDialog.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { RecoveryCodesPanel } from './recovery-codes/RecoveryCodesPanel.tsx';
import { PasswordPanel } from './security/PasswordPanel.tsx';

const methodNames = { totp: 'Authenticator app or browser extension', email: 'Code sent by e-mail' };

type Session = SecurityOverview['sessions'][number];

/** What the password dialog is open for: one device or one session to revoke. */
type Revoking = { kind: 'device'; device: RememberedDevice } | { kind: 'session'; session: Session };

/** The signed-in user's own security page: how the account is protected, and what is signed in. */
export function SecurityPage() {
  const { api, signOut } = useSession();
  const loaded = useLoad(() => api.security(), []);
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const overview = loaded.data;

  const revoke = async (what: Revoking, password: string) => {
    let message: string;
    if (what.kind === 'device') {
      await api.revokeDevice(what.device.ref, password);
      message = `${what.device.browser} is no longer remembered: it asks for the code at the next sign-in.`;
    } else {
      await api.revokeSession(what.session.ref, password);
      if (what.session.current) {
        setRevoking(null);
        return signOut();
      }
      message = 'That session has ended.';
    }
    setRevoking(null);
    // The message comes with the list that no longer shows what was revoked, never before it.
    setDone(null);
    await loaded.reload();
    setDone(message);
  };

  return (
    <div class="page security">
      <h1>Security</h1>
      <Message>{loaded.error}</Message>
      <Message kind="success">{done}</Message>
      {!overview && !loaded.error && <p aria-busy="true">Loading…</p>}
      {overview && (
        <>
          <section class="card" aria-labelledby="method-title">
            <h2 id="method-title">Two-factor authentication</h2>
            {overview.twoFactorStatus === 'Activated' ? (
              <dl class="details">
                <dt>Method</dt>
                <dd>{methodNames[overview.method]}</dd>
                <dt>Set up</dt>
                <dd>{overview.setUpAt ? formatDateTime(overview.setUpAt) : 'Before this was recorded'}</dd>
              </dl>
            ) : (
              <p>
                {overview.twoFactorStatus === 'Pending'
                  ? 'Not set up yet: your admin asks you to set it up.'
                  : 'Not turned on for your account.'}
              </p>
            )}
          </section>

          {overview.twoFactorStatus === 'Activated' && overview.method === 'totp' && <RecoveryCodesPanel />}

          <section class="card" aria-labelledby="devices-title">
            <h2 id="devices-title">Remembered devices</h2>
            {overview.devices.length === 0 ? (
              <p>
                {overview.rememberDays > 0
                  ? 'None. Tick “Remember this device” when you enter a code to skip it on that browser.'
                  : 'None. Your organisation does not let browsers skip the code.'}
              </p>
            ) : (
              <ul class="security-list">
                {overview.devices.map((device) => (
                  <li key={device.ref}>
                    <div>
                      <strong>{device.browser}</strong>
                      <span>
                        Remembered {formatDateTime(device.createdAt)} from {device.ip}; until{' '}
                        {formatDateTime(device.expiresAt)}
                      </span>
                    </div>
                    <button
                      type="button"
                      class="button secondary small"
                      aria-label={`Revoke ${device.browser}, remembered ${formatDateTime(device.createdAt)}`}
                      onClick={() => setRevoking({ kind: 'device', device })}
                    >
                      Revoke
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section class="card" aria-labelledby="sessions-title">
            <h2 id="sessions-title">Active sessions</h2>
            <ul class="security-list">
              {overview.sessions.map((session) => (
                <li key={session.ref}>
                  <div>
                    <strong>
                      Signed in {formatDateTime(session.createdAt)}
                      {session.current && <span class="badge">This session</span>}
                    </strong>
                    <span>Ends {formatDateTime(session.expiresAt)}</span>
                  </div>
                  <button
                    type="button"
                    class="button secondary small"
                    aria-label={`Revoke the session signed in ${formatDateTime(session.createdAt)}${session.current ? ' (this session)' : ''}`}
                    onClick={() => setRevoking({ kind: 'session', session })}
                  >
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section class="card" aria-labelledby="sign-ins-title">
            <h2 id="sign-ins-title">Last sign-ins</h2>
            {overview.signIns.length === 0 ? (
              <p>None recorded yet.</p>
            ) : (
              <ul class="security-list">
                {overview.signIns.map((entry, index) => (
                  <li key={`${entry.at}-${index}`}>
                    <div>
                      <strong>{entry.outcome}</strong>
                      <span>
                        {[formatDateTime(entry.at), entry.ip, entry.browser].filter(Boolean).join(' · ')}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <PasswordPanel
            onChanged={async () => {
              setDone(null);
              await loaded.reload();
              setDone('Password changed. Your other sessions and remembered devices have ended.');
            }}
          />
        </>
      )}
      {revoking && (
        <PasswordConfirmDialog
          id="confirm-revoke"
          title={revoking.kind === 'device' ? 'Revoke this remembered device?' : 'End this session?'}
          confirmLabel="Revoke"
          onConfirm={(password) => revoke(revoking, password)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            {revoking.kind === 'device'
              ? `${revoking.device.browser} will ask for the code at its next sign-in.`
              : revoking.session.current
                ? 'You will be signed out on this browser.'
                : 'That browser will be signed out.'}{' '}
            Enter your current password to confirm.
          </p>
        </PasswordConfirmDialog>
      )}
    </div>
  );
}
