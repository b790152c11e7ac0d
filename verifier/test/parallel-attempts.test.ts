import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FREE_FAILURES } from '../src/auth/throttle-policy.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  signInAdmin,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

// A guesser who sends many requests at once gets no more checks than one who waits for each answer:
// every attempt is counted before its password or code is checked.

describe.each(databaseKinds())('parallel guessing on %s', (kind) => {
  let t: TestApp;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    secret = await enroll(t, 'dana');
    t.clock.advance(10 * 30_000);
  });
  afterEach(async () => {
    await t.close();
  });

  const auditCount = async (event: string) =>
    (await t.ctx.db.selectFrom('audit_log').select('id').where('event', '=', event).execute()).length;

  it('checks no more wrong passwords sent at once than sent one by one', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        new Client(t.app).post('/api/auth/login', { username: 'dana', password: 'a wrong guess' }),
      ),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(FREE_FAILURES + 1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - FREE_FAILURES - 1);
    expect(await auditCount('sign_in.password_failed')).toBe(FREE_FAILURES + 1);
  });

  it('checks no more wrong codes sent at once on one challenge than sent one by one', async () => {
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    const code = wrongCode(secret, t.clock.now());
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => client.post('/api/auth/code', { code })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 400)).toHaveLength(FREE_FAILURES + 1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30 - FREE_FAILURES - 1);
    const user = await t.ctx.db
      .selectFrom('users')
      .select('code_failures')
      .where('username', '=', 'dana')
      .executeTakeFirstOrThrow();
    expect(user.code_failures).toBe(FREE_FAILURES + 1);
  });

  it('never fails with a server error when the right code arrives among wrong ones', async () => {
    const admin = await signInAdmin(t);
    const key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key as string;
    for (let round = 0; round < 5; round++) {
      t.clock.advance(10 * 60_000);
      const now = t.clock.now();
      const codes = [codeFor(secret, now), ...Array.from({ length: 9 }, () => wrongCode(secret, now))];
      const answers = await Promise.all(
        codes.map((code) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/verify',
            headers: { authorization: `Bearer ${key}` },
            payload: { username: 'dana', code },
          }),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(200));
      const reasons = answers.map((answer) => answer.json().reason ?? 'ok');
      expect(reasons.filter((reason) => !['ok', 'invalid_code', 'throttled'].includes(reason))).toEqual([]);
    }
  });
});
