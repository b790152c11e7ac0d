import { useState } from 'preact/hooks';
import type { ApiKey, NewApiKey } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { SecretShownOnce } from '../../ui/SecretShownOnce.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

/** Keys other applications use to call the verify API: created here, shown once, revocable. */
export function ApiKeysPage() {
  const { api } = useSession();
  const loaded = useLoad(() => api.apiKeys(), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [confirming, setConfirming] = useState<ApiKey['id'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
    if (!name.trim()) return setError('Enter a name that says which application will use the key.');
    setBusy(true);
    setError(null);
    try {
      setCreated(await api.createApiKey(name.trim()));
      setName('');
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (key: ApiKey) => {
    setError(null);
    try {
      await api.revokeApiKey(key.id);
      setConfirming(null);
      await loaded.reload();
      setStatus(`Key ${key.name} is revoked. Applications using it are refused from now on.`);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const keys = loaded.data?.items ?? [];
  return (
    <section class="card">
      <h1>API keys</h1>
      <p>
        Applications check a user’s code with <code>POST /api/v1/verify</code> and one of these keys as a
        bearer token. See the <a href="/docs">API documentation</a>.
      </p>
      <form class="inline-form" onSubmit={create} noValidate>
        <Field
          id="key-name"
          label="Key name"
          value={name}
          onValue={setName}
          maxLength={64}
          autoComplete="off"
        />
        <button type="submit" class="button primary" disabled={busy}>
          Create key
        </button>
      </form>
      <Message>{error ?? loaded.error}</Message>
      <Message kind="success">{status}</Message>
      {created && (
        <SecretShownOnce
          label="New API key"
          secret={{ id: 'new-api-key', value: created.key, copyLabel: 'Copy key' }}
          onDone={() => setCreated(null)}
        >
          <p>
            <strong>Copy the key for {created.name} now.</strong> It is shown only this once; the verifier
            keeps only a hash of it.
          </p>
        </SecretShownOnce>
      )}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  No API keys yet.
                </td>
              </tr>
            )}
            {keys.map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{formatDateTime(key.createdAt)}</td>
                <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
                <td>
                  {key.revokedAt ? (
                    `Revoked ${formatDateTime(key.revokedAt)}`
                  ) : (
                    <ConfirmInline
                      verb="Revoke"
                      verbing="revoking"
                      name={key.name}
                      confirming={confirming === key.id}
                      onAsk={() => setConfirming(key.id)}
                      onConfirm={() => void revoke(key)}
                      onKeep={() => setConfirming(null)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
