/**
 * Database faults on PostgreSQL, against two real verifier processes sharing a PostgreSQL server of
 * the test's own: its connections are cut and it is restarted while verifies run. Every process
 * stays up, every answer during the outage is a JSON 503, service resumes by itself, and a code is
 * still accepted exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totp } from '../../../shared/index.ts';
import {
  type PrivatePostgres,
  postgresBin,
  startPrivatePostgres,
} from '../../test-support/private-postgres.ts';
import { seed, startServer, stopServer } from '../../test-support/verifier-process.ts';

const USERS = 1200;
const available = postgresBin() !== undefined;
if (!available && process.env.CI)
  throw new Error('CI needs the PostgreSQL server binaries for the fault suite.');
if (!available) console.warn('Skipping the PostgreSQL fault suite: no PostgreSQL server binaries here.');

interface Answer {
  at: number;
  process: number;
  user: number;
  code: string;
  status: number | 'no answer';
  body: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(available)('PostgreSQL restarts and lost connections', () => {
  let postgres: PrivatePostgres;
  let dataDir: string;
  let secrets: Uint8Array[];
  let key: string;
  const servers: Array<{ child: ChildProcess; url: string; stderr: string[] }> = [];
  let nextUser = 0;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'verifier-fault-'));
    const masterKey = randomBytes(32);
    ({ key, secrets } = await seed({ kind: 'postgres', url: postgres.url }, masterKey, USERS));
    for (let i = 0; i < 2; i++) {
      const env = {
        DATABASE_URL: postgres.url,
        VERIFIER_MASTER_KEY: masterKey.toString('hex'),
        VERIFIER_DATA_DIR: dataDir,
      };
      const { child, url } = await startServer(env, 'warn', 'pipe');
      const stderr: string[] = [];
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      servers.push({ child, url, stderr });
    }
  }, 120_000);

  afterAll(async () => {
    for (const server of servers) if (server.child.exitCode === null) await stopServer(server.child);
    await postgres?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const verify = async (process: number, user: number, code: string): Promise<Answer> => {
    const server = servers[process] as (typeof servers)[number];
    const at = Date.now();
    try {
      const response = await fetch(`${server.url}/api/v1/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `user${user}`, code }),
        signal: AbortSignal.timeout(15_000),
      });
      return { at, process, user, code, status: response.status, body: await response.text() };
    } catch {
      return { at, process, user, code, status: 'no answer', body: '' };
    }
  };

  /** Each user once, with their current code, alternating between the processes, at `perSecond`. */
  const load = async (milliseconds: number, perSecond: number): Promise<Answer[]> => {
    const answers: Promise<Answer>[] = [];
    const end = Date.now() + milliseconds;
    while (Date.now() < end) {
      const user = nextUser++;
      const code = totp({ secret: secrets[user] as Uint8Array, time: Date.now() });
      answers.push(verify(user % 2, user, code));
      await sleep(1000 / perSecond);
    }
    return Promise.all(answers);
  };

  const accepted = (a: Answer) => a.status === 200 && a.body === '{"ok":true}';
  const unavailable = (a: Answer) =>
    a.status === 503 && JSON.parse(a.body).error?.code === 'database_unavailable';

  it('keeps every process up through cut connections and a restart, with 503s only during the outage', async () => {
    const before = await load(1500, 40);
    expect(before.every(accepted)).toBe(true);

    // Idle timeouts, poolers and failovers end connections from the server side.
    const cut = load(1500, 40);
    await sleep(300);
    expect(await postgres.terminateConnections()).toBeGreaterThan(0);
    const duringCut = await cut;

    const restart = load(6000, 40);
    await sleep(500);
    const restartedAt = Date.now();
    await postgres.restart();
    const duringRestart = await restart;
    const after = await load(2000, 40);

    const all = [...before, ...duringCut, ...duringRestart, ...after];
    const summary = {
      requests: all.length,
      accepted: all.filter(accepted).length,
      unavailable: all.filter(unavailable).length,
      other: all.filter((a) => !accepted(a) && !unavailable(a)).map((a) => `${a.status} ${a.body}`),
    };
    console.info('PostgreSQL fault run:', JSON.stringify({ ...summary, other: summary.other.length }));
    // Every answer is an acceptance or a clean 503; no 500, no dropped connection, no crash.
    expect(summary.other).toEqual([]);
    expect(servers.map((s) => s.child.exitCode)).toEqual([null, null]);
    expect(summary.unavailable).toBeGreaterThan(0);
    // Service came back by itself: everything after the restart settled is accepted again.
    expect(after.every(accepted)).toBe(true);
    // The outage was short: the first acceptance after the restart came within seconds.
    const firstBack = Math.min(
      ...[...duringRestart, ...after].filter((a) => a.at > restartedAt && accepted(a)).map((a) => a.at),
    );
    expect(firstBack - restartedAt).toBeLessThan(5000);
    // The lost connections were reported, not thrown.
    expect(servers.some((s) => s.stderr.join('').includes('database'))).toBe(true);
  }, 60_000);

  it('accepts each code exactly once across processes after the faults', async () => {
    const user = nextUser++;
    const code = totp({ secret: secrets[user] as Uint8Array, time: Date.now() });
    const answers = await Promise.all([verify(0, user, code), verify(1, user, code), verify(0, user, code)]);
    expect(answers.filter(accepted)).toHaveLength(1);
    expect(answers.filter((a) => a.body.includes('replayed') || a.body.includes('throttled'))).toHaveLength(
      2,
    );
  });

  it('answers readiness from the database and liveness without it', async () => {
    const server = servers[0] as (typeof servers)[number];
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
    await postgres.stop();
    try {
      const started = Date.now();
      const ready = await fetch(`${server.url}/api/ready`);
      expect(ready.status).toBe(503);
      expect((await ready.json()).error.code).toBe('database_unavailable');
      expect(Date.now() - started).toBeLessThan(4000);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      const signIn = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'bench admin password' }),
      });
      expect(signIn.status).toBe(503);
      expect(signIn.headers.get('retry-after')).toBe('5');
    } finally {
      await postgres.start();
    }
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await fetch(`${server.url}/api/ready`)).status;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
    expect(servers.map((s) => s.child.exitCode)).toEqual([null, null]);
  }, 30_000);
});
