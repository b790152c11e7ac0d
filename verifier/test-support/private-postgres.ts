/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free loopback port, so a test
 * can restart it or cut its connections without disturbing any other test or the machine's server.
 * Debian's binaries refuse to run as root, so they run as the `postgres` user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './verifier-process.ts';

const ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder, or undefined when none is installed. */
export function postgresBin(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')));
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? join(ROOT, newest, 'bin') : undefined;
}

export interface PrivatePostgres {
  url: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Ends every client connection from the server side, as idle timeouts and failovers do. */
  terminateConnections(): Promise<number>;
  destroy(): Promise<void>;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL server binaries are not installed (apt-get install postgresql).');
  const dir = mkdtempSync(join(tmpdir(), 'verifier-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  // Asynchronous, so the test's own load keeps running while the server stops and starts.
  const run = async (tool: string, args: string[]) => {
    await promisify(execFile)(...command(tool, args));
  };
  const port = await freePort();
  const data = join(dir, 'data');
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', ...args]);
  await pgCtl('start');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    restart: () => pgCtl('restart', '-m', 'fast'),
    stop: () => pgCtl('stop', '-m', 'fast'),
    start: () => pgCtl('start'),
    async terminateConnections() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const result = await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = $1',
        ['client backend'],
      );
      await client.end();
      return result.rowCount ?? 0;
    },
    async destroy() {
      await pgCtl('stop', '-m', 'immediate').catch(() => {
        // Already stopped.
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
