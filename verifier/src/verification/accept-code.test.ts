import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addUser,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  type TestApp,
} from '../../test-support/test-app.ts';
import { databaseKinds } from '../../test-support/test-database.ts';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys.ts';
import { apiKeySource } from '../auth/attempt-source.ts';
import { takeSourceAttempt } from '../auth/attempt-throttle.ts';
import { type Acceptance, acceptCode } from './accept-code.ts';
import { loadVerifyRequest } from './verify-request.ts';

describe.each(databaseKinds())('accepting a matched code on %s', (kind) => {
  let t: TestApp;
  let userId: number;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    userId = await addUser(t, 'dana', { twoFactorEnabled: true });
    await enroll(t, 'dana');
  });
  afterEach(async () => {
    await t.close();
  });

  const acceptance = (step: number): Acceptance => ({
    userId,
    username: 'dana',
    sourceKey: apiKeySource('dana', 1).key,
    match: { step, drift: 1 },
    audit: {
      at: t.clock.now(),
      actor: 'api:CRM',
      ip: '192.0.2.7',
      accepted: { event: 'api.verify_ok', detail: { drift: 1 } },
      replayed: { event: 'api.verify_failed', detail: { reason: 'replayed' } },
    },
  });
  const auditRows = () =>
    t.ctx.db
      .selectFrom('audit_log')
      .select(['event', 'actor', 'target', 'ip', 'detail'])
      .where('actor', '=', 'api:CRM')
      .orderBy('id')
      .execute();

  it('marks the step, learns the drift, clears the counters and audits the success in one go', async () => {
    await takeSourceAttempt(t.ctx.db, apiKeySource('dana', 1), t.clock.now());
    await t.ctx.db.updateTable('users').set({ code_failures: 3 }).where('id', '=', userId).execute();
    const step = Math.floor(t.clock.now() / 30_000) + 5;

    expect(await acceptCode(t.ctx.db, acceptance(step))).toBe(true);

    const credential = await t.ctx.db
      .selectFrom('credentials')
      .select(['last_step', 'drift'])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(credential).toEqual({ last_step: step, drift: 1 });
    const user = await t.ctx.db
      .selectFrom('users')
      .select('code_failures')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user.code_failures).toBe(0);
    const throttle = await t.ctx.db
      .selectFrom('attempt_throttle')
      .selectAll()
      .where('source', '=', apiKeySource('dana', 1).key)
      .execute();
    expect(throttle).toEqual([]);
    expect(await auditRows()).toEqual([
      { event: 'api.verify_ok', actor: 'api:CRM', target: 'dana', ip: '192.0.2.7', detail: '{"drift":1}' },
    ]);
  });

  it('refuses the same step again, keeps the failure counters and audits the replay', async () => {
    const step = Math.floor(t.clock.now() / 30_000) + 5;
    expect(await acceptCode(t.ctx.db, acceptance(step))).toBe(true);
    await t.ctx.db.updateTable('users').set({ code_failures: 2 }).where('id', '=', userId).execute();

    expect(await acceptCode(t.ctx.db, acceptance(step))).toBe(false);

    const user = await t.ctx.db
      .selectFrom('users')
      .select('code_failures')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user.code_failures).toBe(2);
    expect((await auditRows()).map((row) => [row.event, row.detail])).toEqual([
      ['api.verify_ok', '{"drift":1}'],
      ['api.verify_failed', '{"reason":"replayed"}'],
    ]);
  });

  it('gives exactly one success to many simultaneous attempts at the same step', async () => {
    const step = Math.floor(t.clock.now() / 30_000) + 5;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () => acceptCode(t.ctx.db, acceptance(step))),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const events = (await auditRows()).map((row) => row.event);
    expect(events.filter((event) => event === 'api.verify_ok')).toHaveLength(1);
    expect(events.filter((event) => event === 'api.verify_failed')).toHaveLength(11);
  });
});

describe.each(databaseKinds())('loading a verify request on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    await enroll(t, 'dana');
  });
  afterEach(async () => {
    await t.close();
  });

  it('reads the key with the user and their credential, and nothing for a revoked key', async () => {
    const { id, key } = await createApiKey(t.ctx.db, 'CRM', t.clock.now());
    const state = await loadVerifyRequest(t.ctx.db, key, 'dana', t.clock.now());
    expect(state?.apiKey).toEqual({ id, name: 'CRM', lastUsedAt: null });
    expect(state?.subject).toMatchObject({ username: 'dana', status: 'Activated', lockedAt: null });
    expect(state?.subject?.credential).not.toBeNull();
    expect(await loadVerifyRequest(t.ctx.db, `${key}x`, 'dana', t.clock.now())).toBeUndefined();
    await revokeApiKey(t.ctx.db, id, t.clock.now());
    expect(await loadVerifyRequest(t.ctx.db, key, 'dana', t.clock.now())).toBeUndefined();
  });

  it('gives an unknown name no subject', async () => {
    const { key } = await createApiKey(t.ctx.db, 'CRM', t.clock.now());
    const state = await loadVerifyRequest(t.ctx.db, key, 'nobody', t.clock.now());
    expect(state?.apiKey.name).toBe('CRM');
    expect(state?.subject).toBeUndefined();
  });
});
