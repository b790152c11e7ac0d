import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settleNotices } from '../src/security-mail/send-security-notice.ts';
import {
  addUser,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  signInAdmin,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

/**
 * Every query the verifier sends to PostgreSQL goes through a pg client, so counting client
 * queries while one request is answered counts its round trips.
 */
describe.skipIf(!databaseKinds().includes('postgres'))('round trips of a verify on postgres', () => {
  let t: TestApp;
  let key: string;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp('postgres');
    const admin = await signInAdmin(t);
    key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key;
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    await addUser(t, 'erin');
    secret = await enroll(t, 'dana');
    // The setup's security e-mail is sent in the background; its queries are not the verify's.
    await settleNotices(t.ctx.mailer);
    t.clock.advance(10 * 30_000);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.close();
  });

  async function counted(username: string, code: string, bearer = key) {
    const queries = vi.spyOn(pg.Client.prototype, 'query');
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${bearer}` },
        payload: { username, code },
      });
      return { answer: response.json(), roundTrips: queries.mock.calls.length };
    } finally {
      queries.mockRestore();
    }
  }

  it('takes two round trips for a compared code: accepted, rejected or replayed', async () => {
    const code = codeFor(secret, t.clock.now());
    expect(await counted('dana', code)).toEqual({ answer: { ok: true }, roundTrips: 2 });
    expect(await counted('dana', code)).toEqual({ answer: { ok: false, reason: 'replayed' }, roundTrips: 2 });
    expect(await counted('dana', wrongCode(secret, t.clock.now()))).toEqual({
      answer: { ok: false, reason: 'invalid_code' },
      roundTrips: 2,
    });
  });

  it('takes one round trip when no code is compared: unknown key, unknown or unenrolled user, blank code', async () => {
    expect((await counted('dana', '123456', 'vk_not-a-key')).roundTrips).toBe(1);
    const invalid = { answer: { ok: false, reason: 'invalid_code' }, roundTrips: 1 };
    expect(await counted('nobody', '123456')).toEqual(invalid);
    expect(await counted('erin', '123456')).toEqual(invalid);
    expect(await counted('dana', ' ')).toEqual(invalid);
  });

  it('takes one round trip for a throttled or locked account', async () => {
    for (let i = 0; i < 5; i++) await counted('dana', wrongCode(secret, t.clock.now()));
    expect(await counted('dana', codeFor(secret, t.clock.now()))).toEqual({
      answer: { ok: false, reason: 'throttled' },
      roundTrips: 1,
    });
    await t.ctx.db
      .updateTable('users')
      .set({ locked_at: t.clock.now() })
      .where('username', '=', 'dana')
      .execute();
    t.clock.advance(10 * 60_000);
    expect(await counted('dana', codeFor(secret, t.clock.now()))).toEqual({
      answer: { ok: false, reason: 'locked' },
      roundTrips: 1,
    });
  });
});
