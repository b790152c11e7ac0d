/**
 * GET /api/forward-auth as a reverse proxy calls it: 200 with Remote-* headers for a session that has
 * passed every step the policy asks, 401 (or a 302 for browsers behind Traefik and Caddy) with the
 * sign-in address and a checked return target otherwise, 403 for a group an application's rule keeps out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseForwardAuth } from '../src/forward-auth/settings.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  type TestApp,
  type TestAppOptions,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const forwardAuth = parseForwardAuth({
  FORWARD_AUTH_DOMAINS: 'app.example.test,*.apps.example.test',
  FORWARD_AUTH_RULES: 'grafana.apps.example.test=Admin|Supervisor',
  FORWARD_AUTH_SIGN_IN_URL: 'https://auth.example.test/sign-in',
});
const nginx = (url: string) => ({ 'x-original-url': url, accept: 'text/html' });
const traefik = (host: string, uri: string) => ({
  'x-forwarded-method': 'GET',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': host,
  'x-forwarded-uri': uri,
  accept: 'text/html,application/xhtml+xml',
});
const signInWith = (target: string) => `https://auth.example.test/sign-in?rd=${encodeURIComponent(target)}`;

describe.each(databaseKinds())('forward-auth on %s', (kind) => {
  let t: TestApp;
  const start = async (options: TestAppOptions = { forwardAuth }) => {
    t = await createTestApp(kind, options);
    return t;
  };
  afterEach(async () => {
    await t.close();
  });

  const ask = (client: Client, headers: Record<string, string>) =>
    client.request('GET', '/api/forward-auth', undefined, headers);

  async function signedInWithCode(username: string, group = 'Agent') {
    await enableSystemTwoFactor(t);
    await addUser(t, username, { twoFactorEnabled: true, group });
    const secret = await enroll(t, username);
    t.clock.advance(30_000);
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username, password: PASSWORD });
    expect(login.json().step).toBe('code');
    return { client, secret };
  }

  it('answers 404 while forward-auth is not configured', async () => {
    await start({});
    const answer = await ask(new Client(t.app), nginx('https://app.example.test/'));
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.code).toBe('forward_auth_off');
  });

  it('sends a visitor without a session to sign-in with the original address as return target', async () => {
    await start();
    const client = new Client(t.app);
    const viaNginx = await ask(client, nginx('https://app.example.test/reports?id=7'));
    expect(viaNginx.statusCode).toBe(401);
    expect(viaNginx.json().error).toMatchObject({
      code: 'not_signed_in',
      signInUrl: signInWith('https://app.example.test/reports?id=7'),
    });
    expect(viaNginx.headers.location).toBe(signInWith('https://app.example.test/reports?id=7'));
    const viaTraefik = await ask(client, traefik('x.apps.example.test', '/a?b=1'));
    expect(viaTraefik.statusCode).toBe(302);
    expect(viaTraefik.headers.location).toBe(signInWith('https://x.apps.example.test/a?b=1'));
    // An API call behind Traefik gets the 401, which its client can act on.
    const api = await ask(client, { ...traefik('x.apps.example.test', '/api'), accept: 'application/json' });
    expect(api.statusCode).toBe(401);
  });

  it('never makes a return target of a foreign or tricky address', async () => {
    await start();
    const client = new Client(t.app);
    for (const url of ['https://evil.test/', 'https://app.example.test@evil.test/', 'https:/\\evil.test']) {
      const answer = await ask(client, nginx(url));
      expect(answer.statusCode).toBe(401);
      expect(answer.json().error.signInUrl).toBe('https://auth.example.test/sign-in');
    }
    const check = await client.get(
      `/api/forward-auth/return-target?rd=${encodeURIComponent('https://evil.test/')}`,
    );
    expect(check.statusCode).toBe(400);
    expect(check.json().error.code).toBe('return_target_refused');
    const ok = await client.get(
      `/api/forward-auth/return-target?rd=${encodeURIComponent('https://app.example.test/x')}`,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ target: 'https://app.example.test/x' });
  });

  it('lets a session through only once the code is given, with the Remote-* headers', async () => {
    await start();
    const { client, secret } = await signedInWithCode('dana');
    // After the password only: the code step is still ahead.
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(401);
    const code = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect(code.json().step).toBe('signed-in');
    const answer = await ask(client, nginx('https://app.example.test/'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({
      'remote-user': 'dana',
      'remote-name': 'dana',
      'remote-email': 'dana@example.test',
      'remote-groups': 'Agent',
    });
    expect(answer.body).toBe('');
    // Sign-out ends access at once, even for a copy of the old cookie.
    const old = client.cookie;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    client.cookie = old;
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(401);
  });

  it('stops a session that gave no code once 2FA applies to its user again', async () => {
    await start();
    const { client: first, secret } = await signedInWithCode('dana');
    await first.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    const setTwoFactor = (on: number) =>
      t.ctx.db.updateTable('users').set({ two_factor_enabled: on }).where('username', '=', 'dana').execute();
    // 2FA off for dana: the password alone opens a full session.
    await setTwoFactor(0);
    const client = new Client(t.app);
    expect((await client.post('/api/auth/login', { username: 'dana', password: PASSWORD })).json().step).toBe(
      'signed-in',
    );
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(200);
    // Switched back on (her authenticator is still set up): that session never gave a code.
    await setTwoFactor(1);
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(401);
    // The session that did give one still passes, also after a password change, which renews it.
    expect((await ask(first, nginx('https://app.example.test/'))).statusCode).toBe(200);
    const changed = await first.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'another long password',
    });
    expect(changed.json().step).toBe('signed-in');
    expect((await ask(first, nginx('https://app.example.test/'))).statusCode).toBe(200);
  });

  it('keeps out a Pending user whose session is only for setting 2FA up', async () => {
    await start();
    await enableSystemTwoFactor(t);
    await addUser(t, 'pat', { twoFactorEnabled: true });
    const client = new Client(t.app);
    expect((await client.post('/api/auth/login', { username: 'pat', password: PASSWORD })).json().step).toBe(
      'setup',
    );
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(401);
  });

  it("answers 403 to a group an application's rule keeps out, and audits it with the app's host", async () => {
    await start();
    const { client, secret } = await signedInWithCode('dana');
    await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    const grafana = traefik('grafana.apps.example.test', '/');
    const refused = await ask(client, grafana);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('app_forbidden');
    expect((await ask(client, grafana)).statusCode).toBe(403);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'forward_auth.refused')
      .execute();
    // Repeated refusals are one entry counting the repeats, not one row per sub-request.
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'dana', target: 'grafana.apps.example.test', repeats: 1 });
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ group: 'Agent' });
    // A host outside FORWARD_AUTH_DOMAINS is no protected app: refused, not let through.
    const unknown = await ask(client, nginx('https://other.test/'));
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().error.code).toBe('app_not_protected');
    // Other apps still let the user in, and successful sub-requests write nothing.
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(200);
    const all = await t.ctx.db.selectFrom('audit_log').select('event').execute();
    expect(all.filter((e) => e.event.startsWith('forward_auth'))).toHaveLength(1);
  });

  it('sends a display name with CR/LF as one header value', async () => {
    await start();
    await addUser(t, 'eve');
    await t.ctx.db
      .updateTable('users')
      .set({ display_name: 'Eve\r\nSet-Cookie: sid=stolen' })
      .where('username', '=', 'eve')
      .execute();
    const client = new Client(t.app);
    expect((await client.post('/api/auth/login', { username: 'eve', password: PASSWORD })).json().step).toBe(
      'signed-in',
    );
    const answer = await ask(client, nginx('https://app.example.test/'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['remote-name']).toBe('Eve  Set-Cookie: sid=stolen');
    expect(answer.headers['set-cookie']).toBeUndefined();
  });

  it('sets the session cookie for COOKIE_DOMAIN as __Secure-sid over HTTPS, and it signs in', async () => {
    await start({ forwardAuth, cookieDomain: 'example.test', cookieSecure: true });
    await addUser(t, 'sam');
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'sam', password: PASSWORD });
    const session = login.cookies.find((c) => c.name === '__Secure-sid');
    expect(session).toMatchObject({
      domain: 'example.test',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(login.cookies.some((c) => c.name === '__Host-sid')).toBe(false);
    expect((await ask(client, nginx('https://app.example.test/'))).statusCode).toBe(200);
    expect((await client.get('/api/me')).statusCode).toBe(200);
    const logout = await client.post('/api/auth/logout');
    expect(logout.cookies.find((c) => c.name === '__Secure-sid')).toMatchObject({ domain: 'example.test' });
  });
});
