import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleNotices } from '../src/security-mail/send-security-notice.ts';
import { updateSettings } from '../src/settings/settings.ts';
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

describe.each(databaseKinds())('third-party verify API on %s', (kind) => {
  let t: TestApp;
  let key: string;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(kind);
    const admin = await signInAdmin(t);
    key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key;
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    secret = await enroll(t, 'dana');
    // The set-up notice is sent in the background and audited when it is out; let it finish, so
    // its entry is not taken for one of the verify API's.
    await settleNotices(t.ctx.mailer);
    t.clock.advance(10 * 30_000);
  });
  afterEach(async () => {
    await t.close();
  });

  const verify = (body: object, bearer = key, app: FastifyInstance = t.app) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${bearer}` },
      payload: body,
    });

  it('accepts a current code once and calls the second use a replay', async () => {
    const code = codeFor(secret, t.clock.now());
    expect((await verify({ username: 'dana', code })).json()).toEqual({ ok: true });
    expect((await verify({ username: 'dana', code })).json()).toEqual({ ok: false, reason: 'replayed' });
  });

  it('answers a wrong code and an unknown user the same way', async () => {
    const wrong = await verify({ username: 'dana', code: wrongCode(secret, t.clock.now()) });
    const unknown = await verify({ username: 'nobody', code: '123456' });
    expect(wrong.json()).toEqual({ ok: false, reason: 'invalid_code' });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('answers for a user without an Activated credential exactly as for an unknown name', async () => {
    await addUser(t, 'erin');
    const answers = [];
    for (const username of ['erin', 'nobody-here']) {
      for (let i = 0; i < 6; i++)
        answers.push([username, (await verify({ username, code: '123456' })).json()]);
    }
    const erin = answers.filter(([name]) => name === 'erin').map(([, body]) => body);
    const nobody = answers.filter(([name]) => name === 'nobody-here').map(([, body]) => body);
    expect(erin).toEqual(nobody);
    expect(erin.at(-1)).toEqual({ ok: false, reason: 'throttled' });
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('target', '=', 'erin')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audited.detail ?? '{}')).toEqual({ reason: 'not_enrolled' });
  });

  it('answers an e-mail user, a user without a credential and an unknown name identically', async () => {
    await updateSettings(t.ctx.db, { methods: ['totp', 'email'] }, { at: t.clock.now(), actor: 'test' });
    // An e-mail user with an authenticator code that once worked, and one whose address is confirmed.
    await addUser(t, 'eve', { twoFactorEnabled: true });
    const eveSecret = await enroll(t, 'eve');
    await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
    await t.ctx.db
      .updateTable('users')
      .set({ method: 'email', email_confirmed: 'eve@example.test' })
      .where('username', '=', 'eve')
      .execute();
    await addUser(t, 'fred', { twoFactorEnabled: true });
    const answers = new Map<string, Array<{ status: number; body: string }>>();
    for (const username of ['eve', 'erin', 'fred', 'nobody-here']) {
      const code = username === 'eve' ? codeFor(eveSecret, t.clock.now()) : '123456';
      const bodies = [];
      for (let i = 0; i < 6; i++) {
        const answer = await verify({ username, code });
        bodies.push({ status: answer.statusCode, body: answer.body });
      }
      answers.set(username, bodies);
    }
    const nobody = answers.get('nobody-here');
    expect(nobody?.[0]).toEqual({ status: 200, body: JSON.stringify({ ok: false, reason: 'invalid_code' }) });
    for (const username of ['eve', 'erin', 'fred']) expect(answers.get(username)).toEqual(nobody);
  });

  it('lists in its OpenAPI document only the reasons the route gives', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json();
    const schema = spec.paths['/api/v1/verify'].post.responses['200'].content['application/json'].schema;
    const reasons = (schema.properties.reason.anyOf ?? schema.properties.reason.oneOf).map(
      (option: { const?: string; enum?: string[] }) => option.const ?? option.enum?.[0],
    );
    expect(reasons.sort()).toEqual(['invalid_code', 'locked', 'replayed', 'throttled']);
  });

  it('throttles after repeated wrong codes, then accepts again once the delay is over', async () => {
    for (let i = 0; i < 5; i++) await verify({ username: 'dana', code: wrongCode(secret, t.clock.now()) });
    const code = codeFor(secret, t.clock.now());
    expect((await verify({ username: 'dana', code })).json()).toEqual({ ok: false, reason: 'throttled' });
    t.clock.advance(1000);
    expect((await verify({ username: 'dana', code })).json()).toEqual({ ok: true });
  });

  it('refuses a missing, wrong or revoked API key', async () => {
    const body = { username: 'dana', code: codeFor(secret, t.clock.now()) };
    const none = await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: body });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('invalid_api_key');
    expect((await verify(body, `${key}x`)).statusCode).toBe(401);
    const admin = await signInAdmin(t);
    const [{ id }] = (await admin.get('/api/admin/api-keys')).json().items;
    await admin.delete(`/api/admin/api-keys/${id}`);
    expect((await verify(body)).statusCode).toBe(401);
  });

  it('names the missing field in a bad body', async () => {
    const response = await verify({ username: 'dana' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({ code: 'invalid_request', message: "Field 'code' is required." });
  });

  it('gives exactly one success for the same code sent many times at once', async () => {
    const code = codeFor(secret, t.clock.now());
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify({ username: 'dana', code })));
    const bodies = answers.map((a) => a.json());
    expect(bodies.filter((b) => b.ok)).toHaveLength(1);
    // The others are replays, or were held back by the per-account delay before their code was read.
    const refused = bodies.filter((b) => !b.ok).map((b) => b.reason);
    expect(refused).toHaveLength(19);
    expect(refused.every((reason) => reason === 'replayed' || reason === 'throttled')).toBe(true);
  });

  // Two processes sharing one database is the PostgreSQL deployment; SQLite is one process.
  if (kind === 'postgres')
    it('gives exactly one success when two verifier instances on one database get the same code at once', async () => {
      const second = await t.sibling();
      for (let round = 0; round < 5; round++) {
        t.clock.advance(30_000);
        const code = codeFor(secret, t.clock.now());
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            verify({ username: 'dana', code }, key, i % 2 ? second : t.app),
          ),
        );
        expect(answers.filter((a) => a.json().ok).length, `round ${round}`).toBe(1);
      }
    });

  it('records successes and failures in the audit log under the key name', async () => {
    await verify({ username: 'dana', code: codeFor(secret, t.clock.now()) });
    await verify({ username: 'dana', code: wrongCode(secret, t.clock.now()) });
    const admin = await signInAdmin(t);
    const entries = (await admin.get('/api/admin/audit?user=dana')).json().items;
    expect(entries.slice(0, 2)).toEqual([
      expect.objectContaining({
        event: 'api.verify_failed',
        actor: 'api:CRM',
        detail: { reason: 'invalid_code' },
      }),
      expect.objectContaining({ event: 'api.verify_ok', actor: 'api:CRM' }),
    ]);
  });
});
