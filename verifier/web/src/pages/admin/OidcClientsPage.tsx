import { useState } from 'preact/hooks';
import type { NewOidcClient, OidcClient } from '../../api/types.ts';
import { formatDateTime } from '../../format.ts';
import { useSession } from '../../session.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { Field } from '../../ui/Field.tsx';
import { Message } from '../../ui/Message.tsx';
import { SecretShownOnce } from '../../ui/SecretShownOnce.tsx';
import { errorText, useLoad } from '../../ui/useLoad.ts';

/** One address a line; blank lines dropped. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * Applications that sign users in through the verifier's OpenID Connect provider: registered here
 * (a confidential one's secret shown once), removable; and the issuer and signing keys they trust.
 */
export function OidcClientsPage() {
  const { api } = useSession();
  const loaded = useLoad(() => api.oidcClients(), []);
  const [name, setName] = useState('');
  const [redirects, setRedirects] = useState('');
  const [logouts, setLogouts] = useState('');
  const [confidential, setConfidential] = useState(true);
  const [created, setCreated] = useState<NewOidcClient | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const register = async (event: Event) => {
    event.preventDefault();
    setStatus(null);
    if (!name.trim()) return setError('Enter the application’s name, as users will know it.');
    setBusy(true);
    setError(null);
    try {
      setCreated(
        await api.registerOidcClient({
          name: name.trim(),
          redirectUris: lines(redirects),
          postLogoutRedirectUris: lines(logouts),
          confidential,
        }),
      );
      setName('');
      setRedirects('');
      setLogouts('');
      loaded.reload();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (client: OidcClient) => {
    setError(null);
    try {
      await api.removeOidcClient(client.clientId);
      setConfirming(null);
      await loaded.reload();
      setStatus(`${client.name} is removed. Its sign-ins and tokens no longer work.`);
    } catch (caught) {
      setError(errorText(caught));
    }
  };

  const issuer = loaded.data?.issuer ?? null;
  const clients = loaded.data?.items ?? [];
  return (
    <section class="card">
      <h1>OpenID Connect</h1>
      {issuer ? (
        <p>
          Applications find everything at <code>{issuer}/.well-known/openid-configuration</code>. Users sign
          in here, with the 2FA your policy asks, and the application receives who they are and their group.
        </p>
      ) : (
        <Message>
          The provider is off: set OIDC_PROVIDER=true and PUBLIC_URL, then restart. Clients registered now
          work once it is on.
        </Message>
      )}
      <form onSubmit={register} noValidate>
        <Field
          id="oidc-name"
          label="Application name"
          value={name}
          onValue={setName}
          maxLength={100}
          autoComplete="off"
        />
        <div class="field">
          <label for="oidc-redirects">Redirect URIs</label>
          <p class="hint" id="oidc-redirects-hint">
            One a line, exactly as the application sends it (https://, or http:// for localhost).
          </p>
          <textarea
            id="oidc-redirects"
            rows={2}
            value={redirects}
            onInput={(event) => setRedirects(event.currentTarget.value)}
            aria-describedby="oidc-redirects-hint"
          />
        </div>
        <div class="field">
          <label for="oidc-logouts">Addresses after sign-out (optional)</label>
          <textarea
            id="oidc-logouts"
            rows={1}
            value={logouts}
            onInput={(event) => setLogouts(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="oidc-confidential">
            <input
              id="oidc-confidential"
              type="checkbox"
              checked={confidential}
              onChange={(event) => setConfidential(event.currentTarget.checked)}
            />{' '}
            Confidential: the application runs on a server and keeps a secret (clear it for apps in the
            browser or on a device, which use PKCE alone)
          </label>
        </div>
        <button type="submit" class="button primary" disabled={busy}>
          Register application
        </button>
      </form>
      <Message>{error ?? loaded.error}</Message>
      <Message kind="success">{status}</Message>
      {created && (
        <SecretShownOnce
          label="New client"
          secret={
            created.clientSecret
              ? { id: 'new-client-secret', value: created.clientSecret, copyLabel: 'Copy secret' }
              : undefined
          }
          onDone={() => setCreated(null)}
        >
          <p>
            <strong>{created.name} is registered.</strong> Client ID:{' '}
            <code id="new-client-id">{created.clientId}</code>
          </p>
          {created.clientSecret && (
            <p>
              Copy its client secret now. It is shown only this once; the verifier keeps only a hash of it.
            </p>
          )}
        </SecretShownOnce>
      )}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">OpenID Connect clients</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Client ID</th>
              <th scope="col">Redirect URIs</th>
              <th scope="col">Kind</th>
              <th scope="col">Registered</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {clients.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  No applications yet.
                </td>
              </tr>
            )}
            {clients.map((client) => (
              <tr key={client.clientId}>
                <th scope="row">{client.name}</th>
                <td>
                  <code>{client.clientId}</code>
                </td>
                <td>{client.redirectUris.join(' ')}</td>
                <td>{client.confidential ? 'Confidential' : 'Public (PKCE)'}</td>
                <td>{formatDateTime(client.createdAt)}</td>
                <td>
                  <ConfirmInline
                    verb="Remove"
                    verbing="removing"
                    name={client.name}
                    confirming={confirming === client.clientId}
                    onAsk={() => setConfirming(client.clientId)}
                    onConfirm={() => void remove(client)}
                    onKeep={() => setConfirming(null)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Signing keys</h2>
      <p>
        Rotate with <code>npm run verifier -- oidc rotate-keys</code>: the previous key stays published until
        the next rotation, so tokens it signed still verify.
      </p>
      <ul>
        {(loaded.data?.keys ?? []).map((key) => (
          <li key={key.kid}>
            <code>{key.kid}</code> {key.alg},{' '}
            {key.state === 'current' ? 'signing' : 'published for verification'}, created{' '}
            {formatDateTime(key.createdAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
