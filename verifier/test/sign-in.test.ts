import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())('sign-in on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  async function activatedUser(username = 'dana') {
    await enableSystemTwoFactor(t);
    await addUser(t, username, { twoFactorEnabled: true });
    const secret = await enroll(t, username);
    t.clock.advance(30_000);
    return secret;
  }

  it('asks the first admin to change the one-time password before anything else', async () => {
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(login.json()).toMatchObject({ step: 'change-password' });
    expect((await client.get('/api/admin/settings')).statusCode).toBe(403);
    const weak = await client.post('/api/auth/password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.json().error.code).toBe('weak_password');
    const changed = await client.post('/api/auth/password', {
      currentPassword: ADMIN_PASSWORD,
      newPassword: 'a much better password',
    });
    expect(changed.json()).toMatchObject({ step: 'signed-in' });
    expect((await client.get('/api/admin/settings')).statusCode).toBe(200);
    const me = await client.get('/api/me');
    expect(me.json()).toMatchObject({ scope: 'full', user: { username: 'admin', isAdmin: true } });
  });

  it('answers a wrong password and an unknown username with the same error', async () => {
    const client = new Client(t.app);
    const wrong = await client.post('/api/auth/login', { username: 'admin', password: 'not the password' });
    const unknown = await client.post('/api/auth/login', {
      username: 'nobody',
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({
      code: 'invalid_credentials',
      message: 'Wrong username or password.',
    });
  });

  it('signs a user with 2FA Disabled straight in, with an HttpOnly SameSite=Strict cookie', async () => {
    await addUser(t, 'erin');
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'Erin', password: PASSWORD });
    expect(login.json()).toMatchObject({ step: 'signed-in' });
    const cookie = login.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await client.get('/api/me')).json().user.twoFactorStatus).toBe('Disabled');
  });

  it('refuses a password for an SSO user, who signs in through single sign-on and is never asked for a code', async () => {
    await enableSystemTwoFactor(t);
    await addUser(t, 'sam', { source: 'sso', twoFactorEnabled: true, group: 'Admin' });
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'sam', password: PASSWORD });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('single_sign_on_only');
    expect((await client.get('/api/admin/users')).statusCode).toBe(401);
    const wrong = await client.post('/api/auth/login', { username: 'sam', password: 'not the password' });
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('limits a Pending user to the setup flow', async () => {
    await enableSystemTwoFactor(t);
    await addUser(t, 'pat', { twoFactorEnabled: true, group: 'Admin' });
    const client = new Client(t.app);
    expect((await client.post('/api/auth/login', { username: 'pat', password: PASSWORD })).json().step).toBe(
      'setup',
    );
    expect((await client.get('/api/me')).json().scope).toBe('setup');
    expect((await client.get('/api/admin/users')).statusCode).toBe(403);
  });

  it('asks an Activated user for a code and gives a new session id once it is right', async () => {
    const secret = await activatedUser();
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    expect(login.json()).toMatchObject({ step: 'code', method: 'totp', digits: 6 });
    const codeSession = client.cookie;
    expect((await client.get('/api/me')).json().scope).toBe('code');
    const ok = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect(ok.json()).toMatchObject({ step: 'signed-in' });
    expect(client.cookie).not.toBe(codeSession);
    expect((await client.get('/api/me')).json().scope).toBe('full');
    const stale = new Client(t.app);
    stale.cookie = codeSession;
    expect((await stale.get('/api/me')).statusCode).toBe(401);
  });

  it('tells blank, wrong and already used codes apart', async () => {
    const secret = await activatedUser();
    const code = codeFor(secret, t.clock.now());
    const first = new Client(t.app);
    await first.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    expect((await first.post('/api/auth/code', { code: '  ' })).json().error.code).toBe('code_blank');
    const wrong = await first.post('/api/auth/code', { code: wrongCode(secret, t.clock.now()) });
    expect(wrong.json().error.code).toBe('code_invalid');
    expect((await first.post('/api/auth/code', { code })).statusCode).toBe(200);
    const second = new Client(t.app);
    await second.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    const replay = await second.post('/api/auth/code', { code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('code_used');
  });

  it('voids the challenge after 10 wrong codes so the user must sign in again', async () => {
    const secret = await activatedUser();
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    const wrong = wrongCode(secret, t.clock.now());
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await client.post('/api/auth/code', { code: wrong });
      answers.push(response.statusCode);
      // Stay clear of the per-account delay, which is tested on its own.
      await t.ctx.db.deleteFrom('attempt_throttle').execute();
    }
    expect(answers.slice(0, 9).every((s) => s === 400)).toBe(true);
    expect(answers[9]).toBe(410);
    const after = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect(after.statusCode).toBe(401);
  });

  it('voids a challenge that was left open longer than five minutes', async () => {
    const secret = await activatedUser();
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    t.clock.advance(5 * 60_000 + 1);
    const page = new Client(t.app);
    page.cookie = client.cookie;
    const late = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('challenge_void');
    expect((await page.get('/api/me')).json().error.code).toBe('not_signed_in');
  });

  it('answers an expired challenge with not_signed_in outside the code step', async () => {
    await activatedUser();
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    t.clock.advance(5 * 60_000 + 1);
    const me = await client.get('/api/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('not_signed_in');
  });

  it('delays an account after repeated failures and lets it try again when the delay is over', async () => {
    await addUser(t, 'erin');
    const client = new Client(t.app);
    for (let i = 0; i < 5; i++) {
      expect(
        (await client.post('/api/auth/login', { username: 'erin', password: 'wrong password' })).statusCode,
      ).toBe(401);
    }
    const throttled = await client.post('/api/auth/login', { username: 'erin', password: PASSWORD });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 1 });
    t.clock.advance(1000);
    expect((await client.post('/api/auth/login', { username: 'erin', password: PASSWORD })).json().step).toBe(
      'signed-in',
    );
  });

  it('delays unknown usernames exactly like real ones', async () => {
    const client = new Client(t.app);
    for (let i = 0; i < 5; i++)
      await client.post('/api/auth/login', { username: 'ghost', password: 'wrong password' });
    const throttled = await client.post('/api/auth/login', { username: 'ghost', password: 'wrong password' });
    expect(throttled.statusCode).toBe(429);
  });

  it('slows one address that tries a password on many usernames, without slowing other addresses', async () => {
    const from = (remoteAddress: string, username: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { username, password: 'Summer2026!x' },
      });
    for (let i = 0; i < 21; i++) expect((await from('203.0.113.7', `user${i}`)).statusCode).toBe(401);
    const sprayer = await from('203.0.113.7', 'someone-new');
    expect(sprayer.statusCode).toBe(429);
    expect(sprayer.json().error.retryAfterSeconds).toBe(1);
    expect((await from('198.51.100.2', 'someone-new')).statusCode).toBe(401);
    t.clock.advance(1000);
    expect((await from('203.0.113.7', 'someone-new')).statusCode).toBe(401);
  });

  it('locks the account at the 100th wrong code in a row, and an admin unlock lets the user in', async () => {
    const secret = await activatedUser();
    const client = new Client(t.app);
    let lockedAfter = 0;
    for (let i = 1; i <= 100 && lockedAfter === 0; i++) {
      // The delays (at most five minutes each) spread a real attack over hours; the clock skips them.
      t.clock.advance(5 * 60_000);
      await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
      const answer = await client.post('/api/auth/code', { code: wrongCode(secret, t.clock.now()) });
      expect([400, 423]).toContain(answer.statusCode);
      const row = await t.ctx.db
        .selectFrom('users')
        .select('locked_at')
        .where('username', '=', 'dana')
        .executeTakeFirstOrThrow();
      if (row.locked_at !== null) lockedAfter = i;
    }
    expect(lockedAfter).toBe(100);
    t.clock.advance(5 * 60_000);
    const locked = await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('account_locked');

    const admin = new Client(t.app);
    await t.ctx.db
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('username', '=', 'admin')
      .execute();
    await admin.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const id = (await admin.get('/api/admin/users?query=dana')).json().items[0].id;
    const unlocked = await admin.post(`/api/admin/users/${id}/unlock`);
    expect(unlocked.json()).toMatchObject({ username: 'dana', locked: false });

    t.clock.advance(30_000);
    const again = new Client(t.app);
    expect((await again.post('/api/auth/login', { username: 'dana', password: PASSWORD })).json().step).toBe(
      'code',
    );
    expect((await again.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) })).json().step).toBe(
      'signed-in',
    );
    const events = (await admin.get('/api/admin/audit?event=account.locked')).json();
    expect(events.total).toBe(1);
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    await addUser(t, 'erin');
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'erin', password: PASSWORD });
    const missing = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const wrong = await client.request('POST', '/api/auth/logout', {}, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('accepts only JSON at login, so a cross-site form cannot post without a preflight', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('names the missing field when a login body is incomplete', async () => {
    const response = await new Client(t.app).post('/api/auth/login', { username: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'invalid_request',
      message: "Field 'password' is required.",
    });
  });
});
