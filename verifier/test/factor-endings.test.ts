import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

describe.each(databaseKinds())('what an admin action ends, on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let key: string;
  let secret: string;
  let dana: number;
  beforeEach(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
    key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key;
    await enableSystemTwoFactor(t);
    await admin.patch('/api/admin/settings', { methods: ['totp', 'email'] });
    dana = await addUser(t, 'dana', { twoFactorEnabled: true });
    secret = await enroll(t, 'dana');
    t.clock.advance(30_000);
  });
  afterEach(async () => {
    await t.close();
  });

  const verify = (username: string, code: string, app: FastifyInstance = t.app) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${key}` },
      payload: { username, code },
    });

  /** Dana fully signed in on a browser, which is now one of her known devices. */
  async function danaSignedIn(): Promise<Client> {
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    const code = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect(code.json().step).toBe('signed-in');
    t.clock.advance(30_000);
    return client;
  }

  const rowsOf = async (table: 'sessions' | 'device_tokens' | 'credentials', userId = dana) =>
    (await t.ctx.db.selectFrom(table).select('user_id').where('user_id', '=', userId).execute()).length;

  const lastUpdate = async () => {
    const row = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event', '=', 'user.updated')
      .where('target', '=', 'dana')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    return JSON.parse(row.detail ?? '{}');
  };

  it('switching a user to e-mailed codes ends their authenticator for the verify API and for later', async () => {
    await admin.patch(`/api/admin/users/${dana}`, { method: 'email' });
    const old = await verify('dana', codeFor(secret, t.clock.now()));
    expect(old.json()).toEqual({ ok: false, reason: 'invalid_code' });
    // E-mail no longer allowed: dana goes back to the authenticator setup, not to the old phone.
    await admin.patch('/api/admin/settings', { methods: ['totp'] });
    const login = await new Client(t.app).post('/api/auth/login', { username: 'dana', password: PASSWORD });
    expect(login.json().step).toBe('setup');
    expect((await lastUpdate()).ended).toEqual([
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'remembered_devices',
      'recovery_codes',
    ]);
  });

  it('answers an e-mail user, a user without a credential and an unknown name identically', async () => {
    await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
    await addUser(t, 'frank', { twoFactorEnabled: true });
    const answers = new Map<string, string[]>();
    for (const username of ['erin', 'frank', 'nobody-here']) {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) {
        const answer = await verify(username, '123456');
        seen.push(`${answer.statusCode} ${answer.body}`);
      }
      answers.set(username, seen);
    }
    expect(answers.get('erin')).toEqual(answers.get('nobody-here'));
    expect(answers.get('frank')).toEqual(answers.get('nobody-here'));
  });

  it('a lost-device reset on Edit user signs the user out everywhere and forgets their browsers', async () => {
    const browser = await danaSignedIn();
    expect(await rowsOf('device_tokens')).toBe(1);
    await admin.patch(`/api/admin/users/${dana}`, { twoFactorEnabled: false });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect(await rowsOf('device_tokens')).toBe(0);
    expect((await lastUpdate()).ended).toEqual([
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'device_tokens',
      'remembered_devices',
      'recovery_codes',
    ]);
  });

  it('changing the method signs the user out, and keeps their known browsers', async () => {
    const browser = await danaSignedIn();
    await admin.patch(`/api/admin/users/${dana}`, { method: 'email' });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect(await rowsOf('device_tokens')).toBe(1);
  });

  it('a password set by an admin signs the user out and forgets their browsers', async () => {
    const browser = await danaSignedIn();
    await admin.patch(`/api/admin/users/${dana}`, { password: 'a brand new password' });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect(await rowsOf('device_tokens')).toBe(0);
    expect(await rowsOf('credentials')).toBe(1);
    expect((await lastUpdate()).ended).toEqual([
      'sessions',
      'device_tokens',
      'remembered_devices',
      'invitation',
    ]);
  });

  it('switching a user to single sign-on ends their password sessions', async () => {
    const browser = await danaSignedIn();
    await admin.patch(`/api/admin/users/${dana}`, { source: 'sso' });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
  });

  it('a display-name edit or a group change ends nothing', async () => {
    const browser = await danaSignedIn();
    const groups = (await admin.get('/api/admin/groups')).json();
    const analyst = (groups.items ?? groups).find((g: { name: string }) => g.name === 'Analyst');
    await admin.patch(`/api/admin/users/${dana}`, { displayName: 'Dana D', groupId: analyst.id });
    expect((await browser.get('/api/me')).statusCode).toBe(200);
    expect(await rowsOf('credentials')).toBe(1);
    expect((await lastUpdate()).ended).toBeUndefined();
  });

  it('a lost-device reset by CSV import signs the user out and says so in the audit log', async () => {
    const browser = await danaSignedIn();
    const answer = await admin.post('/api/admin/users/import', {
      csv: `${HEADER}\r\ndana,dana@example.test,dana,Agent,local,n\r\n`,
    });
    expect(answer.json()).toMatchObject({ applied: true, updated: 1 });
    expect((await browser.get('/api/me')).statusCode).toBe(401);
    expect(await rowsOf('credentials')).toBe(0);
    expect(await rowsOf('device_tokens')).toBe(0);
    expect((await lastUpdate()).ended).toEqual([
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'device_tokens',
      'remembered_devices',
      'recovery_codes',
    ]);
  });
});
