import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { databaseKinds } from '../../test/support/test-database.ts';
import { FORGET_AFTER_MS, recordFailedAttempt, retryAfterMs } from './attempt-throttle.ts';
import { purgeExpired } from './housekeeping.ts';
import { createSession } from './sessions.ts';

describe.each(databaseKinds())('expiry on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('purges expired sessions and keeps live ones', async () => {
    const now = t.clock.now();
    await createSession(t.ctx.db, 1, 'code', now - 10 * 60_000);
    await createSession(t.ctx.db, 1, 'full', now);
    await purgeExpired(t.ctx.db, now);
    const left = await t.ctx.db.selectFrom('sessions').select('scope').execute();
    expect(left).toEqual([{ scope: 'full' }]);
  });

  it('forgets old failures after a quiet day, so the next mistake costs no delay', async () => {
    const now = t.clock.now();
    for (let i = 0; i < 6; i++) await recordFailedAttempt(t.ctx.db, 'erin', now);
    expect(await retryAfterMs(t.ctx.db, 'erin', now)).toBeGreaterThan(0);
    const later = now + FORGET_AFTER_MS + 60 * 60_000;
    expect(await recordFailedAttempt(t.ctx.db, 'erin', later)).toBe(1);
    expect(await retryAfterMs(t.ctx.db, 'erin', later)).toBe(0);
  });

  it('keeps counting failures that come close together, even from parallel requests', async () => {
    const now = t.clock.now();
    await Promise.all(Array.from({ length: 8 }, () => recordFailedAttempt(t.ctx.db, 'erin', now)));
    const row = await t.ctx.db.selectFrom('attempt_throttle').select('failures').executeTakeFirstOrThrow();
    expect(row.failures).toBe(8);
  });
});
