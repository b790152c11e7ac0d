/**
 * Stopping a verifier (a deploy, a scale-down) must not cut answers short: on SIGTERM it stops
 * taking connections, finishes the requests in flight, closes the database and exits 0.
 */

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
