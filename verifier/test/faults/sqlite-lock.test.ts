/**
 * Another process holding SQLite's write lock (a backup tool, a second verifier, an admin's sqlite3
 * shell) must not freeze the server: unrelated requests go on, the waiting write goes through when
 * the lock is released, and a lock held too long gives a clean 503.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_BUDGET_MS } from '../../src/db/sqlite-busy.ts';
import { holdWriteLock } from '../../test-support/sqlite-lock.ts';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../test-support/test-app.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SQLite locked by another process', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('sqlite');
  });
  afterEach(async () => {
    await t.close();
  });

  const signIn = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });

  const timedHealth = async () => {
    const started = performance.now();
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    return { status: response.statusCode, ms: performance.now() - started };
  };

  it('keeps answering other requests while a sign-in waits, then lets the sign-in through', async () => {
    const lock = await holdWriteLock(t.database.file as string);
    const waiting = signIn();
    await sleep(50);
    const health = [];
    for (let i = 0; i < 5; i++) {
      health.push(await timedHealth());
      await sleep(100);
    }
    await lock.release();
    const answer = await waiting;
    expect(health.every((h) => h.status === 200)).toBe(true);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(100);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().step).toBe('change-password');
  });

  it('answers 503 database_unavailable when the lock outlasts the wait, and recovers after', async () => {
    const lock = await holdWriteLock(t.database.file as string);
    try {
      const started = performance.now();
      const answer = await signIn();
      const waited = performance.now() - started;
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error.code).toBe('database_unavailable');
      expect(answer.headers['retry-after']).toBe('5');
      expect(waited).toBeGreaterThan(BUSY_BUDGET_MS - 500);
      expect((await timedHealth()).ms).toBeLessThan(100);
    } finally {
      await lock.release();
    }
    expect((await signIn()).statusCode).toBe(200);
  });
});
