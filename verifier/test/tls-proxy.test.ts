/**
 * Behind a real TLS-terminating nginx (TRUST_PROXY names it), a real verifier process sets its
 * cookies Secure with the `__Host-` prefix, and the session works through the proxy. A verifier that
 * trusts no proxy ignores a forged X-Forwarded-Proto and keeps the plain-HTTP names.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_TOKEN_LIFETIME_MS } from '../src/auth/device-tokens.ts';
import { httpsRequest, missingProxyTool, startTlsProxy, type TlsProxy } from '../test-support/nginx.ts';
import { startServer, stopServer } from '../test-support/verifier-process.ts';

const missing = missingProxyTool();
if (missing && process.env.CI) throw new Error(`CI needs ${missing} for the TLS proxy test.`);
if (missing) console.warn(`Skipping the TLS proxy test: ${missing} is not installed here.`);

/** The first start creates `admin` with this password, to be changed at the first sign-in. */
const ADMIN_PASSWORD = 'first admin password';
const NEW_PASSWORD = 'changed admin password';

interface Cookie {
  name: string;
  value: string;
  /** Attribute names in lower case; flags map to ''. */
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): Cookie {
  const [pair = '', ...parts] = header.split(';').map((part) => part.trim());
  const at = pair.indexOf('=');
  const attributes = new Map(
    parts.map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? [part.toLowerCase(), ''] : [part.slice(0, eq).toLowerCase(), part.slice(eq + 1)];
    }),
  );
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

function cookieNamed(headers: string[], name: string): Cookie {
  const cookie = headers.map(parseSetCookie).find((c) => c.name === name);
  if (!cookie)
    throw new Error(`No ${name} cookie in ${JSON.stringify(headers.map((h) => h.split('=')[0]))}.`);
  return cookie;
}

function expectHostOnlySecure(cookie: Cookie): void {
  expect(cookie.value).not.toBe('');
  expect(cookie.attributes.has('secure')).toBe(true);
  expect(cookie.attributes.has('httponly')).toBe(true);
  expect(cookie.attributes.get('samesite')).toBe('Strict');
  expect(cookie.attributes.get('path')).toBe('/');
  expect(cookie.attributes.has('domain')).toBe(false);
}

const json = { 'content-type': 'application/json' };

describe.runIf(!missing)('the verifier behind a TLS-terminating nginx', () => {
  const dirs: string[] = [];
  const servers: ChildProcess[] = [];
  let proxy: TlsProxy | undefined;
  let behindProxy: string;
  let trustingNoProxy: string;

  const start = async (trustProxy: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-tls-'));
    dirs.push(dir);
    const { child, url } = await startServer(
      {
        VERIFIER_DATA_DIR: dir,
        VERIFIER_ADMIN_PASSWORD: ADMIN_PASSWORD,
        TRUST_PROXY: trustProxy,
        COOKIE_SECURE: 'false',
        DATABASE_URL: '',
        VERIFIER_MASTER_KEY: '',
        VERIFIER_MASTER_KEY_FILE: '',
      },
      'warn',
    );
    servers.push(child);
    return url;
  };

  beforeAll(async () => {
    behindProxy = await start('127.0.0.1');
    trustingNoProxy = await start('');
    proxy = await startTlsProxy(behindProxy);
  }, 60_000);

  afterAll(async () => {
    await proxy?.stop();
    for (const child of servers) if (child.exitCode === null) await stopServer(child);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('sets __Host- cookies with Secure over HTTPS and keeps the session through the proxy', async () => {
    const { url, ca } = proxy as TlsProxy;
    const login = await httpsRequest(`${url}/api/auth/login`, {
      ca,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const challenge = JSON.parse(login.body) as { step: string; csrfToken: string };
    expect(challenge.step).toBe('change-password');
    const first = cookieNamed(login.setCookie, '__Host-sid');
    expectHostOnlySecure(first);
    expect(login.setCookie.map(parseSetCookie).some((c) => c.name === 'sid')).toBe(false);

    // Changing the first admin's password completes the sign-in (2FA is off on a fresh verifier).
    const changed = await httpsRequest(`${url}/api/auth/password`, {
      ca,
      method: 'POST',
      headers: { ...json, cookie: `__Host-sid=${first.value}`, 'x-csrf-token': challenge.csrfToken },
      body: JSON.stringify({ currentPassword: ADMIN_PASSWORD, newPassword: NEW_PASSWORD }),
    });
    expect(changed.status).toBe(200);
    expect(JSON.parse(changed.body).step).toBe('signed-in');
    const session = cookieNamed(changed.setCookie, '__Host-sid');
    expectHostOnlySecure(session);
    const device = cookieNamed(changed.setCookie, '__Host-device');
    expectHostOnlySecure(device);
    expect(device.attributes.get('max-age')).toBe(String(DEVICE_TOKEN_LIFETIME_MS / 1000));

    const me = await httpsRequest(`${url}/api/me`, {
      ca,
      headers: { cookie: `__Host-sid=${session.value}` },
    });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ scope: 'full', user: { username: 'admin' } });
    // Over HTTPS only the prefixed name counts: a plain `sid` (which any HTTP page could plant) does not.
    const plain = await httpsRequest(`${url}/api/me`, { ca, headers: { cookie: `sid=${session.value}` } });
    expect(plain.status).toBe(401);
  });

  it('keeps plain cookies without Secure when an untrusted client claims X-Forwarded-Proto: https', async () => {
    const login = await fetch(`${trustingNoProxy}/api/auth/login`, {
      method: 'POST',
      headers: { ...json, 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie();
    const session = cookieNamed(cookies, 'sid');
    expect(session.attributes.has('secure')).toBe(false);
    expect(cookies.map(parseSetCookie).some((c) => c.name.startsWith('__Host-'))).toBe(false);
  });
});
