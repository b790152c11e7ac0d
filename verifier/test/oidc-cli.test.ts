/** The command line registers OpenID Connect clients and rotates the provider's signing keys. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'verifier-oidc-cli-'));

async function verifier(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'verifier/src/cli/main.ts', ...args],
      {
        env: {
          ...process.env,
          VERIFIER_DATA_DIR: dataDir,
          DATABASE_URL: '',
          VERIFIER_MASTER_KEY: '',
          VERIFIER_MASTER_KEY_FILE: '',
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function rows<T>(sql: string): T[] {
  const db = new SqliteDatabase(join(dataDir, 'verifier.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('oidc commands', { timeout: 240_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers a confidential client, prints its secret once and keeps only its hash', async () => {
    const added = await verifier(
      'oidc',
      'add-client',
      '--name',
      'Grafana',
      '--redirect-uri',
      'https://grafana.example.test/login/generic_oauth',
    );
    expect(added.code).toBe(0);
    const clientId = /client_id:\s+(\S+)/.exec(added.stdout)?.[1] as string;
    const secret = /client_secret:\s+(\S+)/.exec(added.stdout)?.[1] as string;
    expect(secret.length).toBeGreaterThanOrEqual(43);
    const [stored] = rows<{ client_id: string; secret_hash: string }>(
      'select client_id, secret_hash from oidc_clients',
    );
    expect(stored).toEqual({
      client_id: clientId,
      secret_hash: createHash('sha256').update(secret).digest('hex'),
    });
    const listed = await verifier('oidc', 'clients');
    expect(listed.stdout).toContain(
      `${clientId}  Grafana  confidential  https://grafana.example.test/login/generic_oauth`,
    );
    expect(listed.stdout).not.toContain(secret);
    const audit = rows<{ actor: string; target: string }>(
      "select actor, target from audit_log where event = 'oidc.client_created'",
    );
    expect(audit).toEqual([{ actor: 'cli', target: 'Grafana' }]);
  });

  it('refuses a plain-http redirect address with the reason, registering nothing', async () => {
    const before = rows('select * from oidc_clients').length;
    const refused = await verifier(
      'oidc',
      'add-client',
      '--name',
      'Wiki',
      '--redirect-uri',
      'http://wiki.example.test/cb',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('must use https://');
    expect(rows('select * from oidc_clients')).toHaveLength(before);
    const public_ = await verifier(
      'oidc',
      'add-client',
      '--name',
      'CLI tool',
      '--public',
      '--redirect-uri',
      'http://127.0.0.1:8400/cb',
    );
    expect(public_.stdout).toContain('Public client: no secret');
  });

  it('rotates the signing key, keeping one old key published, and removes a client', async () => {
    const first = await verifier('oidc', 'rotate-keys');
    expect(first.code).toBe(0);
    const second = await verifier('oidc', 'rotate-keys');
    const kept = /Key (\S+) stays published/.exec(second.stdout)?.[1];
    const retired = /Key (\S+) is retired/.exec(second.stdout)?.[1];
    const keys = rows<{ kid: string; state: string; secret_box: string; public_jwk: string }>(
      'select kid, state, secret_box, public_jwk from oidc_signing_keys order by created_at',
    );
    expect(keys.map((k) => k.state).sort()).toEqual(['current', 'previous']);
    expect(keys.find((k) => k.state === 'previous')?.kid).toBe(kept);
    expect(keys.map((k) => k.kid)).not.toContain(retired);
    // The private key is sealed: its private exponent is nowhere in the row.
    for (const key of keys) {
      expect(JSON.parse(key.public_jwk)).not.toHaveProperty('d');
      expect(key.secret_box).not.toContain('"d"');
    }
    const [client] = rows<{ client_id: string }>("select client_id from oidc_clients where name = 'Grafana'");
    const removed = await verifier('oidc', 'remove-client', client?.client_id as string);
    expect(removed.stdout).toContain('Removed Grafana');
    expect((await verifier('oidc', 'remove-client', 'nope')).stderr).toContain('was not found');
  });
});
