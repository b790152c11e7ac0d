/**
 * POST /api/v1/verify against a real, listening verifier (a child process) on SQLite and on
 * PostgreSQL, side by side with the server's bare /api/health route in the same run.
 * Cases: accepted codes (each writes its replay mark), rejected codes, and replays; and a reverse
 * proxy's forward-auth sub-request with a full session (what each request to a protected app adds).
 * BENCH_SECONDS (default 3) per case; PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL;
 * BENCH_PROFILE=<dir> saves a CPU profile of the server. The server logs at BENCH_LOG_LEVEL (default
 * warn: a deployment that keeps `info` also writes two request log lines per answer, on every route).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { type CaseResult, formatTable, type Harness, summarize } from '../../shared/bench/harness.ts';
import { totp } from '../../shared/index.ts';
import type { DatabaseTarget } from '../src/db/connect.ts';
import {
  processCpuMicroseconds,
  seed,
  startServer,
  stopServer,
  USERS,
} from '../test-support/verifier-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS) > 0 ? Number(process.env.BENCH_SECONDS) : 3;
const CONNECTIONS = 10;
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'warn';
const FORWARD_AUTH = {
  FORWARD_AUTH_DOMAINS: 'app.example.test',
  FORWARD_AUTH_RULES: 'app.example.test=Agent|Admin',
  FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.test/sign-in',
};

type Options = Parameters<typeof autocannon>[0];

interface Measured extends CaseResult {
  /** Server CPU per answer in microseconds, when the platform tells. */
  serverCpuMicroseconds: number | null;
}

async function load(
  name: string,
  options: Options,
  expect: (body: string) => boolean,
  serverPid: number | undefined,
  expectedStatus = 200,
): Promise<Measured> {
  let unexpected = 0;
  const cpuBefore = processCpuMicroseconds(serverPid);
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...options,
    setupClient(client) {
      client.on('body', (body: Buffer) => {
        if (!expect(body.toString())) unexpected++;
      });
    },
  });
  const wrongStatus = expectedStatus === 200 ? result.non2xx : result.requests.total - result.non2xx;
  if (wrongStatus > 0 || result.errors > 0 || unexpected > result.requests.total / 100) {
    throw new Error(
      `${name}: ${wrongStatus} answers not ${expectedStatus}, ${result.errors} errors, ${unexpected} unexpected answers.`,
    );
  }
  const cpuAfter = processCpuMicroseconds(serverPid);
  return {
    serverCpuMicroseconds:
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests.total,
    name,
    opsPerSecond: result.requests.average,
    meanMicroseconds: result.latency.mean * 1000,
    p50Microseconds: result.latency.p50 * 1000,
    p99Microseconds: result.latency.p99 * 1000,
  };
}

/** Issue #18's targets, in server CPU per answer: measured side by side with the bare route. */
const ACCEPTED_TARGET_MICROSECONDS: Record<string, number> = { SQLite: 120, PostgreSQL: 150 };

function targetLines(label: string, acceptedCpu: number, rejectedCpu: number): string[] {
  const verdict = (met: boolean) => (met ? 'met' : 'SHORT');
  const target = ACCEPTED_TARGET_MICROSECONDS[label] ?? Number.NaN;
  const rejectedRatio = rejectedCpu / acceptedCpu;
  return [
    `target: accepted verify ${acceptedCpu.toFixed(0)} µs ≤ ${target} µs on ${label} (${(acceptedCpu / target).toFixed(2)}× the target): ${verdict(acceptedCpu <= target)}`,
    `target: rejected ÷ accepted verify ${rejectedRatio.toFixed(2)} ≤ 1.00 on ${label}: ${verdict(rejectedRatio <= 1)}`,
  ];
}

async function measure(harness: Harness, label: string, target: DatabaseTarget, env: Record<string, string>) {
  const masterKey = randomBytes(32);
  const { key, secrets, session } = await seed(target, masterKey);
  const { child, url } = await startServer(
    { ...env, ...FORWARD_AUTH, VERIFIER_MASTER_KEY: masterKey.toString('hex') },
    LOG_LEVEL,
  );
  try {
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    let next = 0;
    // Codes are computed before each case, so the load generator (sharing the machine's cores
    // with the server) spends its time sending requests. A code from the previous step is still
    // inside the ±1 window if a case crosses a step boundary.
    const verifyWith = (code: (secret: Uint8Array, now: number) => string, user?: () => number) => {
      const now = Date.now();
      const codes = user ? [] : secrets.map((secret) => code(secret, now));
      return {
        url: `${url}/api/v1/verify`,
        requests: [
          {
            method: 'POST' as const,
            headers,
            setupRequest(request: autocannon.Request) {
              const index = user ? user() : next++ % USERS;
              const value = codes[index] ?? code(secrets[index] as Uint8Array, Date.now());
              request.body = JSON.stringify({ username: `user${index}`, code: value });
              return request;
            },
          },
        ],
      };
    };
    const current = (secret: Uint8Array, now: number) => totp({ secret, time: now });
    // A code from an hour away: well-formed, never inside the window.
    const wrong = (secret: Uint8Array, now: number) => totp({ secret, time: now + 3_600_000 });
    const rows: Measured[] = [];
    const pid = child.pid;
    const bareRoute = (name: string) =>
      load(name, { url: `${url}/api/health` }, (b) => b === '{"ok":true}', pid);
    // The bare route runs first and last: the machine's load drifts, and the ratio uses both.
    rows.push(await bareRoute('bare route'));
    rows.push(await load('verify: accepted', verifyWith(current), (b) => b === '{"ok":true}', pid));
    rows.push(
      await load(
        'verify: replayed',
        verifyWith(current, () => 0),
        // Parallel replays of one user's code also meet the per-account delay before they are read.
        (b) => b.includes('replayed') || b.includes('throttled') || b === '{"ok":true}',
        pid,
      ),
    );
    rows.push(
      await load(
        'verify: rejected',
        verifyWith(wrong),
        (b) => b.includes('invalid_code') || b.includes('throttled'),
        pid,
      ),
    );
    // The cheapest answer the verify route gives: body parsing and validation, one indexed lookup
    // and a JSON error, without the credential, the code check or any write.
    rows.push(
      await load(
        'verify: unknown API key (401)',
        {
          url: `${url}/api/v1/verify`,
          method: 'POST',
          headers: { ...headers, authorization: 'Bearer vk_not-a-key' },
          body: JSON.stringify({ username: 'user1', code: '123456' }),
        },
        (b) => b.includes('invalid_api_key'),
        pid,
        401,
      ),
    );
    // Session lookup, user and policy load, the app's group rule and four Remote-* headers.
    rows.push(
      await load(
        'forward-auth: full session',
        {
          url: `${url}/api/forward-auth`,
          headers: { cookie: `sid=${session}`, 'x-original-url': 'https://app.example.test/dashboard' },
        },
        (b) => b === '',
        pid,
      ),
    );
    rows.push(await bareRoute('bare route (again)'));
    const summary = summarize(
      {
        title: `POST /api/v1/verify and GET /api/forward-auth on ${label} (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, log level ${LOG_LEVEL})`,
        cases: {},
        subject: 'verify: accepted',
      },
      rows,
    );
    console.log(formatTable(summary, 0.5));
    const accepted = rows[1]?.opsPerSecond ?? 0;
    const bare = ((rows[0]?.opsPerSecond ?? 1) + (rows[6]?.opsPerSecond ?? 1)) / 2;
    const floor = rows[4]?.opsPerSecond ?? 0;
    harness.note(
      `accepted verify ÷ mean of the bare runs on ${label}: ${(accepted / bare).toFixed(2)} (target ≥ 0.50)`,
    );
    harness.note(
      `401 answer of the verify route ÷ mean of the bare runs on ${label}: ${(floor / bare).toFixed(2)} (no database write, no code check)`,
    );
    const cpu = rows.map((row) =>
      row.serverCpuMicroseconds === null ? null : `${row.name} ${row.serverCpuMicroseconds.toFixed(0)}`,
    );
    if (!cpu.includes(null)) {
      harness.note(`server CPU µs per answer (less sensitive to other load than req/s): ${cpu.join(', ')}`);
      const bareCpu = ((rows[0]?.serverCpuMicroseconds ?? 0) + (rows[6]?.serverCpuMicroseconds ?? 0)) / 2;
      const acceptedCpu = rows[1]?.serverCpuMicroseconds ?? Number.POSITIVE_INFINITY;
      harness.note(
        `bare ÷ accepted verify in server CPU per answer on ${label}: ${(bareCpu / acceptedCpu).toFixed(2)}`,
      );
      for (const line of targetLines(label, acceptedCpu, rows[3]?.serverCpuMicroseconds ?? Number.NaN))
        harness.note(line);
      const forwardCpu = rows[5]?.serverCpuMicroseconds ?? 0;
      harness.note(
        `forward-auth sub-request on ${label}: ${forwardCpu.toFixed(0)} µs of server CPU per answer, ${(forwardCpu - bareCpu).toFixed(0)} µs more than the bare route`,
      );
    }
    harness.note('latencies come from autocannon, which measures whole milliseconds');
    if (accepted * SECONDS > USERS)
      harness.note('more requests than users: some "accepted" requests were replays');
  } finally {
    await stopServer(child);
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function verifierBench(harness: Harness): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-bench-'));
  try {
    const file = join(dir, 'verifier.db');
    await measure(harness, 'SQLite', { kind: 'sqlite', file }, { VERIFIER_DATA_DIR: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  if (!(await postgresReachable(url))) {
    harness.note(`PostgreSQL case not run: cannot connect to ${url.replace(/\/\/[^@]*@/, '//')}`);
    return;
  }
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const pgDir = mkdtempSync(join(tmpdir(), 'verifier-bench-'));
    try {
      await measure(
        harness,
        'PostgreSQL',
        { kind: 'postgres', url, schema },
        { DATABASE_URL: withSchema, VERIFIER_DATA_DIR: pgDir },
      );
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
