/**
 * Stopping a verifier (a deploy, a scale-down) must not cut answers short: on SIGTERM it stops
 * taking connections, finishes the requests in flight, closes the database and exits 0.
 */

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { totp } from '../../../shared/index.ts';
import { holdWriteLock } from '../../test-support/sqlite-lock.ts';
import { seed, startServer } from '../../test-support/verifier-process.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'verifier-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the request in flight, then exits 0 and takes no new connection', async () => {
    const file = join(dataDir, 'verifier.db');
    const masterKey = randomBytes(32);
    const { key, secrets } = await seed({ kind: 'sqlite', file }, masterKey, 2);
    const { child, url } = await startServer(
      { VERIFIER_DATA_DIR: dataDir, VERIFIER_MASTER_KEY: masterKey.toString('hex') },
      'warn',
    );
    const exited = once(child, 'exit');
    // The verify must write its replay mark, so it waits while another process holds the lock.
    const lock = await holdWriteLock(file);
    const inFlight = fetch(`${url}/api/v1/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'user0',
        code: totp({ secret: secrets[0] as Uint8Array, time: Date.now() }),
      }),
    });
    await sleep(300);
    child.kill('SIGTERM');
    await sleep(300);
    await lock.release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it('finishes the work of a request whose client went away before closing the database', async () => {
    const ownDir = mkdtempSync(join(dataDir, 'gone-'));
    const file = join(ownDir, 'verifier.db');
    const masterKey = randomBytes(32);
    const { key, secrets } = await seed({ kind: 'sqlite', file }, masterKey, 2);
    const { child, url } = await startServer(
      { VERIFIER_DATA_DIR: ownDir, VERIFIER_MASTER_KEY: masterKey.toString('hex') },
      'warn',
    );
    const exited = once(child, 'exit');
    const lock = await holdWriteLock(file);
    // A balancer that is stopped first, or a client that gives up, closes the connection mid-request.
    const gone = new AbortController();
    const request = fetch(`${url}/api/v1/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'user0',
        code: totp({ secret: secrets[0] as Uint8Array, time: Date.now() }),
      }),
      signal: gone.signal,
    }).catch(() => 'aborted');
    await sleep(300);
    gone.abort();
    expect(await request).toBe('aborted');
    child.kill('SIGTERM');
    await sleep(300);
    await lock.release();
    const [code] = await exited;
    expect(code).toBe(0);
    // The code was checked and accepted as a whole: its attempt is not left counted against the user.
    const db = new Database(file, { readonly: true });
    try {
      const events = db.prepare("SELECT event FROM audit_log WHERE target = 'user0'").all();
      expect(events).toEqual([{ event: 'api.verify_ok' }]);
      expect(db.prepare('SELECT count(*) AS n FROM attempt_throttle').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
