/**
 * A real nginx (`auth_request`) in front of a tiny protected app and the verifier, as the
 * docs/forward-auth.md snippet sets it up; `app.example.test` and `auth.example.test` are server
 * names on one loopback port, chosen by the Host header. Sign-in goes through nginx to the
 * verifier's API, and the session cookie (Domain=example.test) is what the app's requests carry.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseForwardAuth } from '../src/forward-auth/settings.ts';
import { missingProxyTool, type Nginx, startNginx } from '../test-support/nginx.ts';
import {
  addUser,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  type TestApp,
} from '../test-support/test-app.ts';
import { freePort } from '../test-support/verifier-process.ts';

const missing = missingProxyTool();
if (missing && process.env.CI) throw new Error(`CI needs ${missing} for the forward-auth nginx test.`);
if (missing) console.warn(`Skipping the forward-auth nginx test: ${missing} is not installed here.`);

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The config docs/forward-auth.md gives, with the test's ports. */
function servers(port: number, verifier: string, app: string): string {
  return `
  server {
    listen 127.0.0.1:${port};
    server_name auth.example.test;
    location / {
      proxy_pass ${verifier};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
  server {
    listen 127.0.0.1:${port};
    server_name app.example.test;
    location = /internal/forward-auth {
      internal;
      proxy_pass ${verifier}/api/forward-auth;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-URL $scheme://$http_host$request_uri;
      proxy_set_header X-Forwarded-For $remote_addr;
    }
    location / {
      auth_request /internal/forward-auth;
      auth_request_set $fa_user $upstream_http_remote_user;
      auth_request_set $fa_name $upstream_http_remote_name;
      auth_request_set $fa_email $upstream_http_remote_email;
      auth_request_set $fa_groups $upstream_http_remote_groups;
      auth_request_set $fa_sign_in $upstream_http_location;
      error_page 401 =302 $fa_sign_in;
      proxy_set_header Remote-User $fa_user;
      proxy_set_header Remote-Name $fa_name;
      proxy_set_header Remote-Email $fa_email;
      proxy_set_header Remote-Groups $fa_groups;
      proxy_pass ${app};
    }
  }`;
}

describe.runIf(!missing)('forward-auth behind a real nginx auth_request', () => {
  let t: TestApp;
  let nginx: Nginx | undefined;
  let protectedApp: Server;
  let port: number;
  /** Cookies by name, as a browser keeps them for *.example.test. */
  const jar = new Map<string, string>();

  function send(
    host: string,
    path: string,
    options: { method?: string; body?: unknown; csrf?: string } = {},
  ) {
    // As a browser sends it: the name and the port.
    const headers: Record<string, string> = { host: `${host}:${port}`, accept: 'text/html' };
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrf) headers['x-csrf-token'] = options.csrf;
    return new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            for (const cookie of res.headers['set-cookie'] ?? []) {
              const [pair = ''] = cookie.split(';');
              const [name = '', value = ''] = pair.split('=');
              // Only cookies meant for the parent domain would reach app.example.test in a browser.
              if (!/;\s*Domain=example\.test/i.test(cookie)) continue;
              if (value === '') jar.delete(name);
              else jar.set(name, value);
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body === undefined ? undefined : JSON.stringify(options.body));
    });
  }

  async function signIn(username: string, secret?: string): Promise<string> {
    jar.clear();
    const login = await send('auth.example.test', '/api/auth/login', {
      method: 'POST',
      body: { username, password: PASSWORD },
    });
    const step = JSON.parse(login.body) as { step: string; csrfToken: string };
    if (!secret) return step.csrfToken;
    expect(step.step).toBe('code');
    const code = await send('auth.example.test', '/api/auth/code', {
      method: 'POST',
      body: { code: codeFor(secret, t.clock.now()) },
      csrf: step.csrfToken,
    });
    const done = JSON.parse(code.body) as { step: string; csrfToken: string };
    expect(done.step).toBe('signed-in');
    return done.csrfToken;
  }

  beforeAll(async () => {
    port = await freePort();
    protectedApp = createServer((req, res) => {
      const seen = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => name.startsWith('remote-')),
      );
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(seen));
    });
    await new Promise<void>((resolve) => protectedApp.listen(0, '127.0.0.1', resolve));
    const appUrl = `http://127.0.0.1:${(protectedApp.address() as AddressInfo).port}`;
    t = await createTestApp('sqlite', {
      cookieDomain: 'example.test',
      forwardAuth: parseForwardAuth({
        FORWARD_AUTH_DOMAINS: 'app.example.test',
        FORWARD_AUTH_RULES: 'app.example.test=Agent|Supervisor',
        FORWARD_AUTH_SIGN_IN_URL: `http://auth.example.test:${port}/sign-in`,
      }),
    });
    const verifier = await t.app.listen({ host: '127.0.0.1', port: 0 });
    nginx = await startNginx(
      () => servers(port, verifier, appUrl),
      async () => (await send('auth.example.test', '/api/health')).status === 200,
    );
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
    await new Promise((resolve) => protectedApp?.close(resolve));
  });

  it('sends a visitor without a session to sign-in, with the address they asked for as rd', async () => {
    jar.clear();
    const answer = await send('app.example.test', '/reports?id=7&view=week');
    expect(answer.status).toBe(302);
    const wanted = `http://app.example.test:${port}/reports?id=7&view=week`;
    expect(answer.headers.location).toBe(
      `http://auth.example.test:${port}/sign-in?rd=${encodeURIComponent(wanted)}`,
    );
    // The sign-in page asks the verifier whether it may go back there.
    const check = await send(
      'auth.example.test',
      `/api/forward-auth/return-target?rd=${encodeURIComponent(wanted)}`,
    );
    expect(JSON.parse(check.body)).toEqual({ target: wanted });
  });

  it('lets the app see Remote-User after password and code, until sign-out', async () => {
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    const secret = await enroll(t, 'dana');
    t.clock.advance(30_000);
    // After the password alone the app is still closed.
    jar.clear();
    await send('auth.example.test', '/api/auth/login', {
      method: 'POST',
      body: { username: 'dana', password: PASSWORD },
    });
    expect(jar.size).toBeGreaterThan(0);
    expect((await send('app.example.test', '/')).status).toBe(302);
    const csrf = await signIn('dana', secret);
    const inside = await send('app.example.test', '/');
    expect(inside.status).toBe(200);
    expect(JSON.parse(inside.body)).toEqual({
      'remote-user': 'dana',
      'remote-name': 'dana',
      'remote-email': 'dana@example.test',
      'remote-groups': 'Agent',
    });
    const copy = new Map(jar);
    const out = await send('auth.example.test', '/api/auth/logout', { method: 'POST', body: {}, csrf });
    expect(out.status).toBe(204);
    expect(jar.size).toBe(0);
    // Even the old cookie, kept by hand, no longer opens the app.
    for (const [name, value] of copy) jar.set(name, value);
    expect((await send('app.example.test', '/')).status).toBe(302);
  });

  it("answers 403 to a user whose group the app's rule leaves out", async () => {
    await addUser(t, 'ann', { group: 'Analyst', twoFactorEnabled: false });
    await signIn('ann');
    const answer = await send('app.example.test', '/');
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('remote-user');
  });

  it('refuses a return target on a foreign domain', async () => {
    const foreign = await send(
      'auth.example.test',
      `/api/forward-auth/return-target?rd=${encodeURIComponent('http://evil.test/')}`,
    );
    expect(foreign.status).toBe(400);
    expect(JSON.parse(foreign.body).error.code).toBe('return_target_refused');
  });
});
