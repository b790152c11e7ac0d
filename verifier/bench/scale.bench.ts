/**
 * `npm run bench scale`: 1, 2 and 4 verifier processes on one PostgreSQL database behind a real
 * HAProxy (Debian's package, started here on loopback ports), under the same bounded load from
 * autocannon. Prints throughput, p50 and p99 per process count and the server CPU per answer summed
 * over the processes, then checks after each run what must hold however many processes answered:
 * every code accepted at most once, and the failure counters equal to the wrong codes sent.
 * BENCH_SECONDS (default 3) per run; PostgreSQL from BENCH_DATABASE_URL or TEST_DATABASE_URL.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { Harness } from '../../shared/bench/harness.ts';
import { totp } from '../../shared/index.ts';
import {
  freePort,
  processCpuMicroseconds,
  seed,
  startServer,
  stopServer,
  USERS,
} from '../test-support/verifier-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS) > 0 ? Number(process.env.BENCH_SECONDS) : 3;
const CONNECTIONS = 16;
const PROCESS_COUNTS = [1, 2, 4];
/** One request in WRONG_EVERY carries a wrong code, so the failure counters have something to count. */
const WRONG_EVERY = 10;

function haproxyConfig(port: number, backends: string[]): string {
  const servers = backends.map((url, i) => `  server v${i} ${new URL(url).host} check inter 1s`).join('\n');
  return `global
  maxconn 1024
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend verify
  bind 127.0.0.1:${port}
  default_backend verifiers
backend verifiers
  balance roundrobin
  option httpchk GET /api/ready
${servers}
`;
}

async function startHaproxy(dir: string, backends: string[]): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const file = join(dir, `haproxy-${backends.length}.cfg`);
  writeFileSync(file, haproxyConfig(port, backends));
  // -db: stay in the foreground, so stopping the child stops the proxy.
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGTERM');
  throw new Error('HAProxy did not start within 10 seconds.');
}

interface Run {
  processes: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpuPerAnswer: number | null;
  accepted: number;
  wrongSent: number;
}

export default async function scaleBench(harness: Harness): Promise<void> {
  try {
    execFileSync('sh', ['-c', 'command -v haproxy'], { stdio: 'ignore' });
  } catch {
    harness.note('scale benchmark not run: HAProxy is not installed (apt-get install haproxy)');
    return;
  }
  const url =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const dir = mkdtempSync(join(tmpdir(), 'verifier-scale-'));
  try {
    const masterKey = randomBytes(32);
    const { key, secrets } = await seed({ kind: 'postgres', url, schema }, masterKey);
    const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const env = {
      DATABASE_URL: withSchema,
      VERIFIER_DATA_DIR: dir,
      VERIFIER_MASTER_KEY: masterKey.toString('hex'),
    };
    // Users are never reused across runs, so a second acceptance would be a replay let through.
    let nextUser = 0;
    const runs: Run[] = [];
    for (const processes of PROCESS_COUNTS) {
      const servers = await Promise.all(Array.from({ length: processes }, () => startServer(env, 'warn')));
      const proxy = await startHaproxy(
        dir,
        servers.map((s) => s.url),
      );
      try {
        const firstUser = nextUser;
        let accepted = 0;
        let wrongSent = 0;
        const cpuBefore = servers.map((s) => processCpuMicroseconds(s.child.pid));
        const result = await autocannon({
          url: `${proxy.url}/api/v1/verify`,
          connections: CONNECTIONS,
          duration: SECONDS,
          requests: [
            {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              setupRequest(request) {
                const index = nextUser++ % USERS;
                const wrong = index % WRONG_EVERY === 0;
                if (wrong) wrongSent++;
                const time = Date.now() + (wrong ? 3_600_000 : 0);
                const code = totp({ secret: secrets[index] as Uint8Array, time });
                request.body = JSON.stringify({ username: `user${index}`, code });
                return request;
              },
            },
          ],
          setupClient(client) {
            client.on('body', (body: Buffer) => {
              if (body.toString() === '{"ok":true}') accepted++;
            });
          },
        });
        const cpuAfter = servers.map((s) => processCpuMicroseconds(s.child.pid));
        const used = cpuAfter.every((v, i) => v !== null && cpuBefore[i] !== null)
          ? cpuAfter.reduce<number>((sum, v, i) => sum + ((v ?? 0) - (cpuBefore[i] ?? 0)), 0)
          : null;
        if (nextUser - firstUser > USERS) throw new Error('more requests than seeded users: raise USERS');
        runs.push({
          processes,
          requests: result.requests.total,
          perSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          cpuPerAnswer: used === null ? null : used / result.requests.total,
          accepted,
          wrongSent,
        });
      } finally {
        // The requests still in flight when the load ended finish before anything stops, so the
        // database is settled before it is checked.
        await new Promise((r) => setTimeout(r, 1500));
        proxy.child.kill('SIGTERM');
        await Promise.all(servers.map((s) => stopServer(s.child)));
      }
      await checkInvariants(admin, schema, runs);
    }
    printTable(harness, runs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

/** What several processes must never change: one acceptance per code, one count per wrong code. */
async function checkInvariants(db: pg.Client, schema: string, runs: Run[]): Promise<void> {
  const accepted = runs.reduce((sum, run) => sum + run.accepted, 0);
  const wrong = runs.reduce((sum, run) => sum + run.wrongSent, 0);
  const one = async (sql: string) => Number((await db.query(sql)).rows[0]?.n ?? 0);
  const acceptedLogged = await one(
    `SELECT count(*) AS n FROM ${schema}.audit_log WHERE event = 'api.verify_ok'`,
  );
  const twice = await one(
    `SELECT count(*) AS n FROM (SELECT target FROM ${schema}.audit_log WHERE event = 'api.verify_ok' GROUP BY target HAVING count(*) > 1) t`,
  );
  const failures = await one(`SELECT coalesce(sum(failures), 0) AS n FROM ${schema}.attempt_throttle`);
  const codeFailures = await one(`SELECT coalesce(sum(code_failures), 0) AS n FROM ${schema}.users`);
  // Up to one request per connection was still in flight when each run ended: accepted, but unanswered.
  const inFlight = runs.length * CONNECTIONS;
  const problems = [
    (acceptedLogged < accepted || acceptedLogged > accepted + inFlight) &&
      `${accepted} acceptances answered but ${acceptedLogged} audited`,
    twice > 0 && `${twice} users accepted more than once`,
    failures !== wrong && `${wrong} wrong codes sent but ${failures} counted per source`,
    codeFailures !== wrong && `${wrong} wrong codes sent but ${codeFailures} counted per account`,
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`after ${runs.length} runs: ${problems.join('; ')}`);
}

function printTable(harness: Harness, runs: Run[]): void {
  const first = runs[0];
  console.log(
    `\nPOST /api/v1/verify through HAProxy on one PostgreSQL (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, 1 in ${WRONG_EVERY} codes wrong)`,
  );
  console.log(
    '| processes | requests | req/s | × 1 process | p50 ms | p99 ms | server CPU µs per answer (all processes) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const run of runs) {
    const ratio = first ? (run.perSecond / first.perSecond).toFixed(2) : '';
    const cpu = run.cpuPerAnswer === null ? 'n/a' : run.cpuPerAnswer.toFixed(0);
    console.log(
      `| ${run.processes} | ${run.requests} | ${run.perSecond.toFixed(0)} | ${ratio} | ${run.p50} | ${run.p99} | ${cpu} |`,
    );
  }
  harness.note(
    'after each run: no code accepted twice, failure counters equal to the wrong codes sent (checked)',
  );
  harness.note(
    'the load generator, HAProxy, PostgreSQL and the verifiers share this machine, so more processes than cores show saturation, not scaling; read the CPU per answer',
  );
}
