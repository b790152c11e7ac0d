import type { AdapterPayload } from 'oidc-provider';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { notFound } from '../domain-error.ts';
import type { ClientRegistration } from './client-rules.ts';

export interface OidcClientView {
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  confidential: boolean;
  createdAt: string;
}

export interface NewOidcClient extends OidcClientView {
  /** Shown once, at registration; only its SHA-256 is kept. Null for a public client. */
  clientSecret: string | null;
}

type Row = {
  client_id: string;
  name: string;
  redirect_uris: string;
  post_logout_redirect_uris: string;
  secret_hash: string | null;
  created_at: number;
};

const view = (row: Row): OidcClientView => ({
  clientId: row.client_id,
  name: row.name,
  redirectUris: JSON.parse(row.redirect_uris) as string[],
  postLogoutRedirectUris: JSON.parse(row.post_logout_redirect_uris) as string[],
  confidential: row.secret_hash !== null,
  createdAt: new Date(Number(row.created_at)).toISOString(),
});

/** A random id and, for a confidential client, a 256-bit secret (random, so SHA-256 stores it safely). */
export async function registerClient(
  db: Db,
  registration: ClientRegistration,
  now: number,
): Promise<NewOidcClient> {
  const clientId = randomToken(16);
  const clientSecret = registration.confidential ? randomToken(32) : null;
  const row: Row = {
    client_id: clientId,
    name: registration.name,
    redirect_uris: JSON.stringify(registration.redirectUris),
    post_logout_redirect_uris: JSON.stringify(registration.postLogoutRedirectUris),
    secret_hash: clientSecret === null ? null : sha256Hex(clientSecret),
    created_at: now,
  };
  await db.insertInto('oidc_clients').values(row).execute();
  return { ...view(row), clientSecret };
}

export async function listClients(db: Db): Promise<OidcClientView[]> {
  const rows = await db
    .selectFrom('oidc_clients')
    .selectAll()
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(view);
}

/**
 * Removes a client; returns its name. What the provider issued to it is refused from then on: the
 * provider loads the client with every code, token and userinfo call.
 */
export async function deleteClient(db: Db, clientId: string): Promise<string> {
  const row = await db
    .deleteFrom('oidc_clients')
    .where('client_id', '=', clientId)
    .returning('name')
    .executeTakeFirst();
  if (!row) throw notFound(`The client ${clientId}`);
  return row.name;
}

/**
 * The provider's view of a registration. The stored "secret" is the SHA-256 of the real one; the
 * provider compares through `compareClientSecret` (see provider.ts), which hashes what it is sent.
 */
export async function findClientMetadata(db: Db, clientId: string): Promise<AdapterPayload | undefined> {
  const row = await db
    .selectFrom('oidc_clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  const client = view(row);
  return {
    client_id: client.clientId,
    client_name: client.name,
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    ...(row.secret_hash === null
      ? { token_endpoint_auth_method: 'none' }
      : { token_endpoint_auth_method: 'client_secret_basic', client_secret: row.secret_hash }),
  };
}
