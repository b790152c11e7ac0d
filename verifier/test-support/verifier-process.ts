/**
 * The verifier as it runs in production, for the benchmark and the fault tests: a database seeded
 * with users who have TOTP credentials and an API key, a real server in a child process on a free
 * port, and the CPU time that process used.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { bootstrap } from '../src/accounts/bootstrap.ts';
import { createApiKey } from '../src/api-keys/api-keys.ts';
import { createSession } from '../src/auth/sessions.ts';
import { SecretBox } from '../src/crypto/secret-box.ts';
import { type DatabaseTarget, openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrations.ts';
import { credentialContext } from '../src/verification/credentials.ts';

/** Enough users that every accepted-code request can use a fresh one within a 30 s step. */
export const USERS = 20_000;

export interface Seeded {
  key: string;
  secrets: Uint8Array[];
  /** A full session of user0 (as after password and code), for the forward-auth route. */
  session: string;
}

export async function seed(target: DatabaseTarget, masterKey: Buffer, count = USERS): Promise<Seeded> {
  const handle = openDatabase(target);
  try {
    // Named, so the migrator reads only this schema's bookkeeping tables: other schemas on the same
    // server may be created and dropped meanwhile (concurrent test runs).
    await migrateToLatest(handle.db, handle.dialect, target.kind === 'postgres' ? target.schema : undefined);
    await bootstrap(handle.db, Date.now(), 'bench admin password');
    await handle.db.updateTable('settings').set({ two_factor_enabled: 1 }).execute();
    const agent = await handle.db
      .selectFrom('groups')
      .select('id')
      .where('name', '=', 'Agent')
      .executeTakeFirstOrThrow();
    const box = new SecretBox([masterKey]);
    const secrets: Uint8Array[] = [];
    const now = Date.now();
    await handle.db.transaction().execute(async (trx) => {
      for (let start = 0; start < count; start += 500) {
        const users = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
          username: `user${start + i}`,
          email: '',
          display_name: `User ${start + i}`,
          password_hash: null,
          group_id: agent.id,
          source: 'local' as const,
          two_factor_enabled: 1,
          method: 'totp' as const,
          must_change_password: 0,
          code_failures: 0,
          locked_at: null,
          created_at: now,
        }));
        const ids = await trx.insertInto('users').values(users).returning('id').execute();
        const credentials = ids.map(({ id }) => {
          const secret = new Uint8Array(randomBytes(20));
          secrets.push(secret);
          const sealed = box.seal(secret, credentialContext(id));
          const fields = { algorithm: 'SHA1' as const, digits: 6, period: 30, drift: 0, last_step: 0 };
          return { user_id: id, key_id: sealed.keyId, secret_box: sealed.box, ...fields, created_at: now };
        });
        await trx.insertInto('credentials').values(credentials).execute();
      }
    });
    const { key } = await createApiKey(handle.db, 'bench', now);
    const user0 = await handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'user0')
      .executeTakeFirstOrThrow();
    // As after the password and the code: forward-auth admits an Activated user's session only then.
    const { token: session } = await createSession(handle.db, user0.id, 'full', now, null, now);
    return { key, secrets, session };
  } finally {
    await handle.close();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startServer(
  env: Record<string, string>,
  logLevel: string,
  stderr: 'inherit' | 'pipe' = 'inherit',
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  // BENCH_PROFILE=<dir> writes a CPU profile of the server process there.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', 'verifier/src/cli/main.ts', 'serve'],
    {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel },
      stdio: ['ignore', 'ignore', stderr],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGTERM');
  throw new Error('The verifier did not start within 20 seconds.');
}

export async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * CPU time (user + system, all threads) the server process has used, in microseconds, from
 * /proc on Linux (clock ticks of 10 ms); null elsewhere. CPU per answer depends far less than
 * requests per second on what else the machine runs (though a starved server batches less).
 */
export function processCpuMicroseconds(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10_000 : null;
  } catch {
    return null;
  }
}
