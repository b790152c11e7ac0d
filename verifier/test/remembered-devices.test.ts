import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseForwardAuth } from '../src/forward-auth/settings.ts';
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

const DAY = 24 * 60 * 60_000;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const forwardAuth = parseForwardAuth({
  FORWARD_AUTH_DOMAINS: 'app.example.test',
  FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.test/sign-in',
});

describe.each(databaseKinds())('remember this device on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let danaId: number;
  let secret: string;

  beforeEach(async () => {
    t = await createTestApp(kind, { forwardAuth });
    admin = await signInAdmin(t);
    await enableSystemTwoFactor(t);
    danaId = await addUser(t, 'dana', { twoFactorEnabled: true });
    secret = await enroll(t, 'dana');
    // Argon2 hashing and enrollment are slow on a busy machine: the hook gets a test's time.
  }, 30_000);
  afterEach(async () => {
    await t.close();
  });

  const allowDays = (days: number) => admin.patch('/api/admin/settings', { rememberDeviceDays: days });

  const login = (client: Client, username = 'dana', password = PASSWORD) =>
    client.request('POST', '/api/auth/login', { username, password }, { 'user-agent': FIREFOX });

  /** A full sign-in with a code, ticking "Remember this device" or not. */
  async function signInWithCode(client: Client, remember: boolean, password = PASSWORD) {
    const first = await login(client, 'dana', password);
    expect(first.json().step, first.body).toBe('code');
    // Each sign-in's code is in a later step: an accepted code is never accepted twice.
    t.clock.advance(30_000);
    const code = await client.request(
      'POST',
      '/api/auth/code',
      { code: codeFor(secret, t.clock.now()), remember },
      { 'user-agent': FIREFOX },
    );
    expect(code.json().step, code.body).toBe('signed-in');
    return first;
  }

  async function rememberedBrowser(): Promise<Client> {
    await allowDays(14);
    const browser = new Client(t.app);
    await signInWithCode(browser, true);
    await browser.post('/api/auth/logout');
    return browser;
  }

  const stepOf = async (client: Client, username = 'dana', password = PASSWORD) =>
    (await login(client, username, password)).json().step;

  const securityOf = async (client: Client) => (await client.get('/api/security')).json();

  it('is off by default: no offer on the code step, and a sent "remember" remembers nothing', async () => {
    const browser = new Client(t.app);
    const first = await signInWithCode(browser, true);
    expect(first.json().rememberDays).toBeUndefined();
    expect(browser.jar.has('remembered')).toBe(false);
    await browser.post('/api/auth/logout');
    expect(await stepOf(browser)).toBe('code');
  });

  it('lets a remembered browser sign in with the password alone, and the audit log says so', async () => {
    await allowDays(14);
    const browser = new Client(t.app);
    const first = await signInWithCode(browser, true);
    expect(first.json().rememberDays).toBe(14);
    const cookie = browser.jar.get('remembered') ?? '';
    expect(cookie).toMatch(/^[\w-]{22}:[\w-]{43}$/);
    // Only a hash of the token's id is stored.
    const stored = await t.ctx.db.selectFrom('remembered_devices').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(cookie.split(':')[0]);
    expect(stored[0]?.browser).toBe('Firefox on Linux');

    await browser.post('/api/auth/logout');
    expect(await stepOf(browser)).toBe('signed-in');
    const audit = (await admin.get('/api/admin/audit?event=sign_in.remembered_device')).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'dana', target: 'dana' });
    const remembered = (await admin.get('/api/admin/audit?event=device.remembered')).json().items;
    expect(remembered).toHaveLength(1);

    // A browser that did not tick the box still gives its code.
    const other = new Client(t.app);
    await signInWithCode(other, false);
    await other.post('/api/auth/logout');
    expect(await stepOf(other)).toBe('code');
    // A wrong password is refused as ever on the remembered browser.
    expect((await login(browser, 'dana', 'not the password')).statusCode).toBe(401);
  });

  it('admits the skipped sign-in through forward-auth, as a session that gave its code', async () => {
    const browser = await rememberedBrowser();
    expect(await stepOf(browser)).toBe('signed-in');
    const answer = await browser.request('GET', '/api/forward-auth', undefined, {
      'x-original-url': 'https://app.example.test/',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['remote-user']).toBe('dana');
  });

  it('ends with a password change by the user', async () => {
    const browser = await rememberedBrowser();
    expect(await stepOf(browser)).toBe('signed-in');
    const changed = await browser.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    await browser.post('/api/auth/logout');
    expect(await stepOf(browser, 'dana', 'a brand new password')).toBe('code');
  });

  it('ends with a password an admin sets, and with a lost-device reset', async () => {
    const browser = await rememberedBrowser();
    await admin.patch(`/api/admin/users/${danaId}`, { password: 'admin chose this one' });
    expect(await stepOf(browser, 'dana', 'admin chose this one')).toBe('code');
    expect(await t.ctx.db.selectFrom('remembered_devices').selectAll().execute()).toEqual([]);

    await admin.patch(`/api/admin/users/${danaId}`, { password: PASSWORD });
    const again = new Client(t.app);
    await signInWithCode(again, true);
    await again.post('/api/auth/logout');
    expect(await stepOf(again)).toBe('signed-in');
    await again.post('/api/auth/logout');
    await admin.patch(`/api/admin/users/${danaId}`, { twoFactorEnabled: false });
    await admin.patch(`/api/admin/users/${danaId}`, { twoFactorEnabled: true });
    // Pending again: the reset's new setup comes first, and the old browser skips nothing.
    expect(await stepOf(again)).toBe('setup');
  });

  it('ends with a method change: the new factor is asked for, and the rows are gone', async () => {
    const browser = await rememberedBrowser();
    await admin.patch('/api/admin/settings', { methods: ['totp', 'email'] });
    const moved = await admin.patch(`/api/admin/users/${danaId}`, { method: 'email' });
    expect(moved.statusCode, moved.body).toBe(200);
    const answer = await login(browser);
    expect(answer.json()).toMatchObject({ step: 'code', method: 'email' });
    expect(await t.ctx.db.selectFrom('remembered_devices').selectAll().execute()).toEqual([]);
  });

  it('ends a device whose binding no longer holds, even if its row was left behind', async () => {
    const browser = await rememberedBrowser();
    // A new authenticator written without going through the endings table: the binding still ends it.
    await t.ctx.db
      .updateTable('credentials')
      .set({ created_at: t.clock.now() + 1 })
      .execute();
    expect(await stepOf(browser)).toBe('code');
  });

  it('ends when the days run out, or when the admin lowers them or turns it off', async () => {
    const browser = await rememberedBrowser();
    t.clock.advance(13 * DAY);
    expect(await stepOf(browser)).toBe('signed-in');
    await browser.post('/api/auth/logout');
    // The admin's own session has ended meanwhile.
    admin = await signInAdmin(t);
    await allowDays(12);
    expect(await stepOf(browser)).toBe('code');
    await allowDays(14);
    expect(await stepOf(new Client(t.app))).toBe('code');
    t.clock.advance(DAY);
    expect(await stepOf(browser)).toBe('code');
    admin = await signInAdmin(t);

    const fresh = await rememberedBrowser();
    await allowDays(0);
    expect(await stepOf(fresh)).toBe('code');
  });

  it('is refused for another user and when tampered with', async () => {
    const browser = await rememberedBrowser();
    const token = browser.jar.get('remembered') as string;
    await addUser(t, 'erin', { twoFactorEnabled: true });
    await enroll(t, 'erin');
    const erin = new Client(t.app);
    erin.jar.set('remembered', token);
    expect(await stepOf(erin, 'erin')).toBe('code');

    const [id, mac] = token.split(':') as [string, string];
    for (const forged of [
      `${id}:${'A'.repeat(43)}`,
      `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}:${mac}`,
      `${id}:${mac}:extra`,
      'garbage',
    ]) {
      const stranger = new Client(t.app);
      stranger.jar.set('remembered', forged);
      expect(await stepOf(stranger), forged).toBe('code');
    }
    expect(await stepOf(browser)).toBe('signed-in');
  });

  it('is listed on the security page and revoked there only with the current password', async () => {
    const browser = await rememberedBrowser();
    expect(await stepOf(browser)).toBe('signed-in');
    const listed = await securityOf(browser);
    expect(listed.devices).toHaveLength(1);
    expect(listed.devices[0]).toMatchObject({ browser: 'Firefox on Linux' });
    const ref = listed.devices[0].ref as string;

    const wrong = await browser.post('/api/security/devices/revoke', { ref, currentPassword: 'not it' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await securityOf(browser)).devices).toHaveLength(1);
    const missing = await browser.post('/api/security/devices/revoke', { ref });
    expect(missing.statusCode).toBe(400);
    expect((await securityOf(browser)).devices).toHaveLength(1);

    const revoked = await browser.post('/api/security/devices/revoke', { ref, currentPassword: PASSWORD });
    expect(revoked.statusCode, revoked.body).toBe(204);
    expect((await securityOf(browser)).devices).toEqual([]);
    await browser.post('/api/auth/logout');
    expect(await stepOf(browser)).toBe('code');
    const audit = (await admin.get('/api/admin/audit?event=device.revoked')).json().items;
    expect(audit[0]).toMatchObject({ actor: 'dana', target: 'dana' });
  });

  it('delays wrong current passwords as sign-in does, changing nothing', async () => {
    const browser = await rememberedBrowser();
    await login(browser);
    const ref = (await securityOf(browser)).devices[0].ref as string;
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await browser.post('/api/security/devices/revoke', { ref, currentPassword: `no ${i}` })).statusCode,
      );
    }
    expect(statuses.slice(0, 4)).toEqual([400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    // While the delay runs even the right password is not checked.
    const held = await browser.post('/api/security/devices/revoke', { ref, currentPassword: PASSWORD });
    expect(held.statusCode).toBe(429);
    expect((await securityOf(browser)).devices).toHaveLength(1);
    const failures = (await admin.get('/api/admin/audit?event=reauthentication.failed')).json().items;
    expect(failures.length).toBeGreaterThanOrEqual(4);
  });

  it('lists the active sessions with the current one marked, and ends the one revoked', async () => {
    const laptop = new Client(t.app);
    await signInWithCode(laptop, false);
    const phone = new Client(t.app);
    await signInWithCode(phone, false);
    const sessions = (await securityOf(laptop)).sessions as { ref: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current) as { ref: string };

    const wrong = await laptop.post('/api/security/sessions/revoke', {
      ref: other.ref,
      currentPassword: 'no',
    });
    expect(wrong.statusCode).toBe(400);
    expect((await phone.get('/api/me')).statusCode).toBe(200);

    const ended = await laptop.post('/api/security/sessions/revoke', {
      ref: other.ref,
      currentPassword: PASSWORD,
    });
    expect(ended.statusCode, ended.body).toBe(204);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
    expect((await securityOf(laptop)).sessions).toHaveLength(1);
  });

  it('shows the last sign-ins with time, address, browser and outcome', async () => {
    await login(new Client(t.app), 'dana', 'not the password');
    const browser = new Client(t.app);
    await signInWithCode(browser, false);
    const { signIns, method, setUpAt } = await securityOf(browser);
    expect(method).toBe('totp');
    expect(typeof setUpAt).toBe('string');
    expect(signIns.slice(0, 3).map((s: { outcome: string }) => s.outcome)).toEqual([
      'Signed in with a code',
      'Password accepted',
      'Wrong password',
    ]);
    expect(signIns[0]).toMatchObject({ ip: '127.0.0.1', browser: 'Firefox on Linux' });
    expect(signIns[1]).toMatchObject({ ip: '127.0.0.1', browser: 'Firefox on Linux' });
    expect(signIns[2]).toMatchObject({ ip: '127.0.0.1', browser: 'Firefox on Linux' });
  });

  it("lets the admin list and revoke a user's remembered devices on Edit user", async () => {
    const browser = await rememberedBrowser();
    const listed = (await admin.get(`/api/admin/users/${danaId}/remembered-devices`)).json().items;
    expect(listed).toHaveLength(1);
    const revoked = await admin.post(`/api/admin/users/${danaId}/remembered-devices/revoke`, {
      ref: listed[0].ref,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await admin.get(`/api/admin/users/${danaId}/remembered-devices`)).json().items).toEqual([]);
    const audit = (await admin.get('/api/admin/audit?event=device.revoked')).json().items;
    expect(audit[0]).toMatchObject({ actor: 'admin', target: 'dana' });
    const again = await admin.post(`/api/admin/users/${danaId}/remembered-devices/revoke`, {
      ref: listed[0].ref,
    });
    expect(again.statusCode).toBe(404);
    expect(await stepOf(browser)).toBe('code');
  });
});
