import { useState } from 'preact/hooks';
import type { AdminUser, RememberedDevice } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

/** Edit user: the browsers the user chose to remember (they skip the code), each with Revoke. */
export function RememberedDevicesPanel({ user }: { user: AdminUser }) {
  const { api } = useSession();
  const devices = useLoad(() => api.userRememberedDevices(user.id), [user.id]);
  const [revoking, setRevoking] = useState<RememberedDevice | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const items = devices.data?.items ?? [];
  if (items.length === 0 && !devices.error) return null;

  const revoke = async (device: RememberedDevice) => {
    setRevoking(null);
    setError(null);
    try {
      await api.revokeUserDevice(user.id, device.ref);
      setStatus(`${device.browser} is no longer remembered.`);
      devices.reload();
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  return (
    <section class="card security" aria-labelledby="user-devices-title">
      <h2 id="user-devices-title">Remembered devices</h2>
      <Message>{devices.error ?? error}</Message>
      <Message kind="success">{status}</Message>
      <ul class="security-list">
        {items.map((device) => (
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
              onClick={() => setRevoking(device)}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
      {revoking && (
        <ConfirmDialog
          id="confirm-revoke-device"
          title="Revoke this remembered device?"
          confirmLabel="Revoke"
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>{`${revoking.browser} will ask ${user.username} for the code at the next sign-in.`}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
