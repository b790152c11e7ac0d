/**
 * A stranger who knows only a username guesses passwords for it as fast as the server lets them,
 * for minutes of (test) time, while the real user signs in from the browser they used before, and
 * an application checks the user's codes. Neither is ever delayed; a new browser of the real user
 * waits at most the bounded delay; the hard lock is never reached by password guesses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/api-keys/api-keys.ts';
import { MAX_DELAY_MS } from '../src/auth/throttle-policy.ts';
import { spokenDuration } from '../src/wording/duration.ts';
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
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())('lock-out by a stranger on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  const login = (client: Client, username: string, password: string) =>
    client.post('/api/auth/login', { username, password });

  /** A real browser that completed a sign-in before (and so carries its device token). */
  async function knownBrowser(username: string, password: string): Promise<Client> {
    const browser = new Client(t.app);
    const first = await login(browser, username, password);
    expect(first.json().step).toBe('signed-in');
    expect([...browser.jar.keys()]).toContain('device');
    return browser;
  }

  /**
   * The stranger sends wrong passwords for `seconds` of test time: three a second, each as soon
   * as the server allows; every `userEvery` seconds the real user signs in from their browser.
   */
  async function attack(
    username: string,
    seconds: number,
    userEvery: number,
    userSignIn: () => Promise<boolean>,
  ) {
    const stranger = new Client(t.app);
    const figures = {
      strangerRequests: 0,
      strangerCounted: 0,
      strangerRefused: 0,
      userSignIns: 0,
      userSucceeded: 0,
    };
    for (let second = 0; second < seconds; second++) {
      for (let i = 0; i < 3; i++) {
        const guess = await login(stranger, username, `guess ${second}-${i}`);
        figures.strangerRequests++;
        if (guess.statusCode === 401) figures.strangerCounted++;
        else {
          expect(guess.statusCode).toBe(429);
          figures.strangerRefused++;
        }
      }
      if (second % userEvery === 0) {
        figures.userSignIns++;
        if (await userSignIn()) figures.userSucceeded++;
      }
      t.clock.advance(1000);
    }
    return figures;
  }

  it('never delays the real user on a browser they signed in from before', async () => {
    await addUser(t, 'dana');
    const browser = await knownBrowser('dana', PASSWORD);
    const figures = await attack('dana', 420, 5, async () => {
      const answer = await login(browser, 'dana', PASSWORD);
      return answer.statusCode === 200 && answer.json().step === 'signed-in';
    });
    console.info(`lock-out (${kind}), 420 s:`, JSON.stringify(figures));
    expect(figures.userSucceeded).toBe(figures.userSignIns);
    expect(figures.userSignIns).toBe(84);
    // The stranger was slowed to the bounded delay: a handful of counted guesses in 7 minutes.
    expect(figures.strangerCounted).toBeLessThan(20);
    expect(figures.strangerRequests).toBe(1260);
    // Every counted guess is an entry of its own; the refused requests are one summarised entry
    // (the delay never paused them for 10 minutes), which still counts every one of them.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['event', 'ip', 'target', 'repeats'])
      .where('target', '=', 'dana')
      .execute();
    expect(audit.filter((e) => e.event === 'sign_in.password_failed')).toHaveLength(figures.strangerCounted);
    const refused = audit.filter((e) => e.event === 'sign_in.throttled');
    expect(refused).toHaveLength(1);
    expect(refused.reduce((sum, e) => sum + e.repeats + 1, 0)).toBe(figures.strangerRefused);
    expect(refused[0]).toMatchObject({ ip: '127.0.0.1', target: 'dana' });
  });

  it('keeps the admin console open to its admin while a stranger guesses the admin password', async () => {
    await t.ctx.db
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('username', '=', 'admin')
      .execute();
    const browser = await knownBrowser('admin', ADMIN_PASSWORD);
    const figures = await attack('admin', 120, 10, async () => {
      const answer = await login(browser, 'admin', ADMIN_PASSWORD);
      return answer.statusCode === 200 && (await browser.get('/api/admin/settings')).statusCode === 200;
    });
    expect(figures.userSucceeded).toBe(figures.userSignIns);
  });

  it('signs the real user in with a code on their known browser, and the next code via the API', async () => {
    await enableSystemTwoFactor(t);
    await addUser(t, 'erin', { twoFactorEnabled: true });
    const secret = await enroll(t, 'erin');
    t.clock.advance(30_000);
    const browser = new Client(t.app);
    await login(browser, 'erin', PASSWORD);
    expect((await browser.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) })).json().step).toBe(
      'signed-in',
    );
    const { key } = await createApiKey(t.ctx.db, 'CRM', t.clock.now());
    const figures = await attack('erin', 300, 30, async () => {
      t.clock.advance(30_000);
      const password = await login(browser, 'erin', PASSWORD);
      if (password.json().step !== 'code') return false;
      const code = await browser.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
      t.clock.advance(30_000);
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${key}` },
        payload: { username: 'erin', code: codeFor(secret, t.clock.now()) },
      });
      return code.json().step === 'signed-in' && api.json().ok === true;
    });
    expect(figures.userSucceeded).toBe(figures.userSignIns);
    const row = await t.ctx.db
      .selectFrom('users')
      .select(['code_failures', 'locked_at'])
      .where('username', '=', 'erin')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ code_failures: 0, locked_at: null });
  });

  it('lets a new browser of the real user in after at most the bounded delay', async () => {
    await addUser(t, 'dana');
    await attack('dana', 60, 1000, async () => true);
    const fresh = new Client(t.app);
    const refused = await login(fresh, 'dana', PASSWORD);
    expect(refused.statusCode).toBe(429);
    const wait = refused.json().error.retryAfterSeconds as number;
    expect(wait * 1000).toBeLessThanOrEqual(MAX_DELAY_MS);
    // The wait in words a person reads (minutes and seconds, never "1 seconds").
    expect(refused.json().error.message).toBe(
      `Too many failed attempts. Try again in ${spokenDuration(wait)}.`,
    );
    t.clock.advance(wait * 1000);
    expect((await login(fresh, 'dana', PASSWORD)).json().step).toBe('signed-in');
    // From now on that browser is known too.
    expect((await login(fresh, 'dana', PASSWORD)).json().step).toBe('signed-in');
  });

  it('does not trust a device token for another user, a forged one, or one from before a password change', async () => {
    await addUser(t, 'dana');
    await addUser(t, 'erin');
    const danaBrowser = await knownBrowser('dana', PASSWORD);
    const other = await knownBrowser('dana', PASSWORD);
    await attack('erin', 60, 1000, async () => true);
    // Dana's token names Dana: for Erin the browser is as untrusted as the stranger's.
    expect((await login(danaBrowser, 'erin', PASSWORD)).statusCode).toBe(429);
    const forged = new Client(t.app);
    const [id] = (danaBrowser.jar.get('device') as string).split(':');
    forged.jar.set('device', `${id}:${'A'.repeat(43)}`);
    await attack('dana', 60, 1000, async () => true);
    expect((await login(forged, 'dana', PASSWORD)).statusCode).toBe(429);
    expect((await login(danaBrowser, 'dana', PASSWORD)).json().step).toBe('signed-in');

    // A password change from another known browser revokes every device token of the user.
    const changed = await other.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.json().step, changed.body).toBe('signed-in');
    expect((await login(danaBrowser, 'dana', 'a brand new password')).statusCode).toBe(429);
    expect((await login(other, 'dana', 'a brand new password')).json().step).toBe('signed-in');
  });

  it('delays wrong passwords from a known browser on their own (a stolen laptop gains nothing)', async () => {
    await addUser(t, 'dana');
    const browser = await knownBrowser('dana', PASSWORD);
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push((await login(browser, 'dana', `wrong ${i}`)).statusCode);
    expect(answers.filter((s) => s === 401)).toHaveLength(5);
    expect(answers.filter((s) => s === 429)).toHaveLength(3);
    // Strangers elsewhere are not delayed by it.
    expect((await login(new Client(t.app), 'dana', 'wrong again')).statusCode).toBe(401);
  });
});
