import { parseArgs } from 'node:util';
import { writeAudit } from '../audit/audit-log.ts';
import { checkRegistration } from '../oidc/client-rules.ts';
import { deleteClient, listClients, registerClient } from '../oidc/client-store.ts';
import { ensureSigningKey, listSigningKeys, rotateSigningKeys } from '../oidc/signing-keys.ts';
import { UsageError } from './command-errors.ts';
import { printable } from './printable.ts';
import { withRuntime } from './runtime.ts';

/**
 * `oidc add-client --name NAME --redirect-uri URI [--redirect-uri URI…] [--post-logout-uri URI…] [--public]`:
 * registers an application; a confidential one's secret is printed once.
 */
export async function addClientCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-uri': { type: 'string', multiple: true },
      public: { type: 'boolean' },
    },
  });
  if (!values.name) throw new UsageError('oidc add-client needs --name NAME and --redirect-uri URI.');
  const registration = checkRegistration({
    name: values.name,
    redirectUris: values['redirect-uri'] ?? [],
    postLogoutRedirectUris: values['post-logout-uri'] ?? [],
    confidential: !values.public,
  });
  await withRuntime(async ({ ctx }) => {
    const created = await registerClient(ctx.db, registration, ctx.clock.now());
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'oidc.client_created',
      target: created.name,
      detail: {
        clientId: created.clientId,
        confidential: created.confidential,
        redirectUris: created.redirectUris,
      },
    });
    const lines = [`Registered ${printable(created.name)}.`, `client_id:     ${created.clientId}`];
    if (created.clientSecret) {
      lines.push(
        `client_secret: ${created.clientSecret}`,
        'The secret is not shown again; only its hash is kept.',
      );
    } else {
      lines.push('Public client: no secret; it must use PKCE (S256).');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

/** `oidc clients`: the registered applications and the published signing keys. */
export async function listClientsCommand(): Promise<void> {
  await withRuntime(async ({ ctx }) => {
    const clients = await listClients(ctx.db);
    const lines = clients.map(
      (c) =>
        `${c.clientId}  ${printable(c.name)}  ${c.confidential ? 'confidential' : 'public'}  ${c.redirectUris.map(printable).join(' ')}`,
    );
    if (lines.length === 0) lines.push('No OpenID Connect clients are registered.');
    for (const key of await listSigningKeys(ctx.db))
      lines.push(`key ${key.kid}  ${key.alg}  ${key.state}  ${key.createdAt}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}

/** `oidc remove-client CLIENT_ID`. */
export async function removeClientCommand(args: string[]): Promise<void> {
  const [clientId] = args;
  if (!clientId) throw new UsageError('oidc remove-client needs the CLIENT_ID.');
  await withRuntime(async ({ ctx }) => {
    const name = await deleteClient(ctx.db, clientId);
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'oidc.client_deleted',
      target: name,
      detail: { clientId },
    });
    process.stdout.write(`Removed ${printable(name)}; its codes and tokens no longer work.\n`);
  });
}

/**
 * `oidc rotate-keys`: a new signing key; the one signing until now stays published until the next
 * rotation, so tokens it signed still verify. Processes sign with the new key once restarted.
 */
export async function rotateKeysCommand(): Promise<void> {
  await withRuntime(async ({ ctx }) => {
    await ensureSigningKey(ctx.db, ctx.box, ctx.clock.now());
    const rotation = await rotateSigningKeys(ctx.db, ctx.box, ctx.clock.now());
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'oidc.keys_rotated',
      detail: { ...rotation },
    });
    const lines = [`New signing key ${rotation.added}.`];
    if (rotation.kept)
      lines.push(`Key ${rotation.kept} stays published for tokens it signed, until the next rotation.`);
    for (const kid of rotation.retired) lines.push(`Key ${kid} is retired.`);
    lines.push('Restart every verifier process to sign with the new key.');
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
