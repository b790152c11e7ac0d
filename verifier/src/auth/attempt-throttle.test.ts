import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { databaseKinds } from '../../test-support/test-database.ts';
import { ACCOUNT, ADDRESS, FORGET_AFTER_MS, refundAttempt, takeAttempt } from './attempt-throttle.ts';
import { delayAfterAddressFailures, delayAfterFailures, FREE_FAILURES } from './throttle-policy.ts';

describe.each(databaseKinds())('attempt delays on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  const stored = (source: string) =>
    t.ctx.db
      .selectFrom('attempt_throttle')
      .select(['failures', 'next_attempt_at'])
      .where('source', '=', source)
      .executeTakeFirstOrThrow();

  it('lets exactly the free attempts and the one that starts the delay through a burst of parallel requests', async () => {
    const now = t.clock.now();
    const waits = await Promise.all(
      Array.from({ length: 40 }, () => takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(FREE_FAILURES + 1);
    expect(
      waits.filter((wait) => wait > 0).every((wait) => wait === delayAfterFailures(FREE_FAILURES + 1)),
    ).toBe(true);
    expect((await stored('erin')).failures).toBe(FREE_FAILURES + 1);
  });

  it('refuses nothing before a delay runs, even when simultaneous requests read their clocks out of order', async () => {
    // Two requests of one double-submitted form: the one that read the clock first writes last.
    const now = t.clock.now();
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now + 1)).toBe(0);
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)).toBe(0);
    for (let i = 2; i < FREE_FAILURES; i++) expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)).toBe(0);
    // The attempt that starts the delay is let through; the next one waits.
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now - 1)).toBe(0);
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)).toBeGreaterThan(0);
  });

  it('computes in the database the same growing delay the policy gives, for accounts and addresses', async () => {
    for (const [policy, key, delay] of [
      [ACCOUNT, 'erin', delayAfterFailures],
      [ADDRESS, '203.0.113.7', delayAfterAddressFailures],
    ] as const) {
      let now = t.clock.now();
      for (let failures = 1; failures <= 40; failures++) {
        expect(await takeAttempt(t.ctx.db, policy, key, now)).toBe(0);
        const wait = delay(failures);
        if (wait > 0) expect(await takeAttempt(t.ctx.db, policy, key, now + wait - 1)).toBe(1);
        now += wait;
      }
    }
  });

  it('forgets old failures after a quiet day, so the next mistake costs no delay', async () => {
    const now = t.clock.now();
    for (let i = 0; i <= FREE_FAILURES; i++) await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now);
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)).toBeGreaterThan(0);
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now + FORGET_AFTER_MS + 60 * 60_000)).toBe(0);
    expect((await stored('erin')).failures).toBe(1);
  });

  it('gives back an attempt that turned out right, so the next one may follow at once', async () => {
    const now = t.clock.now();
    for (let i = 0; i <= FREE_FAILURES; i++) await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now);
    await refundAttempt(t.ctx.db, ACCOUNT, 'erin', now);
    expect(await stored('erin')).toEqual({ failures: FREE_FAILURES, next_attempt_at: now });
    expect(await takeAttempt(t.ctx.db, ACCOUNT, 'erin', now)).toBe(0);
  });
});
