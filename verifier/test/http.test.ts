import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.ts';
import type { AppContext } from '../src/http/context.ts';
import { ADMIN_PASSWORD, Client, createTestApp, type TestApp } from '../test-support/test-app.ts';

/** The app with the server's own logger, writing its lines where the test reads them. */
async function appLoggingAt(ctx: AppContext, level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildApp(ctx, { logger: loggerOptions(level, stream) });
  return { app, lines };
}

describe('HTTP surface', () => {
  let t: TestApp;
  let webRoot: string;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    webRoot = mkdtempSync(join(tmpdir(), 'verifier-web-'));
    writeFileSync(
      join(webRoot, 'index.html'),
      '<!doctype html><title>Verifier</title><script src="/app.js"></script>',
    );
    writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
  });
  afterAll(async () => {
    await t.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the pages with a CSP that allows no inline script, and index.html for client-side routes', async () => {
    const app = await buildApp(t.ctx, { webRoot });
    const index = await app.inject({ url: '/' });
    expect(index.statusCode).toBe(200);
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject({ url: '/app.js' })).body).toBe('console.log(1)');
    const deepLink = await app.inject({ url: '/admin/users/3' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('<title>Verifier</title>');
    const api = await app.inject({ url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    await app.close();
  });

  it('marks the session cookie Secure, with the __Host- prefix, when COOKIE_SECURE is on', async () => {
    const app = await buildApp({ ...t.ctx, cookieSecure: true });
    await t.ctx.db.updateTable('users').set({ must_change_password: 0 }).execute();
    const login = await new Client(app).post('/api/auth/login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    expect(login.cookies.find((c) => c.name === '__Host-sid')).toMatchObject({
      secure: true,
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
    });
    await app.close();
  });

  it('tells caches never to store API answers', async () => {
    const response = await t.app.inject({ url: '/api/me' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('publishes an OpenAPI document built from the route schemas at /docs', async () => {
    const spec = (await t.app.inject({ url: '/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/enrollment/start',
        '/api/admin/users/{id}',
        '/api/v1/verify',
      ]),
    );
    expect(
      spec.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['username', 'password']);
    const ui = await t.app.inject({ url: '/docs' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger-ui');
    expect(String(ui.headers['content-security-policy'])).not.toMatch(
      /upgrade-insecure-requests|swagger\.io/,
    );
  });

  it('hides internals behind a generic message when something breaks', async () => {
    const app = await buildApp(t.ctx);
    app.get('/api/explode', async () => {
      throw new Error('database password is hunter2');
    });
    const response = await app.inject({ url: '/api/explode' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on the server. Try again.' },
    });
    await app.close();
  });

  it('keeps passwords, cookies and tokens out of the request log', async () => {
    const { app, lines } = await appLoggingAt(t.ctx, 'trace');
    const client = new Client(app);
    await client.request(
      'POST',
      '/api/auth/login',
      { username: 'admin', password: ADMIN_PASSWORD },
      {
        cookie: 'sid=secret-session-id',
        authorization: 'Bearer secret-api-key',
      },
    );
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/auth/login');
    for (const secret of [ADMIN_PASSWORD, 'secret-session-id', 'secret-api-key'])
      expect(log).not.toContain(secret);
  });

  it('censors the secrets a log entry carries', async () => {
    // The request log itself names no headers or bodies; the redactions guard every other entry.
    const { app, lines } = await appLoggingAt(t.ctx, 'info');
    app.log.info(
      {
        req: { headers: { authorization: 'Bearer secret-api-key', cookie: 'sid=secret-session-id' } },
        body: { password: ADMIN_PASSWORD, code: '493817', secret: 'JBSWY3DPEHPK3PXP' },
      },
      'an entry with everything in it',
    );
    await app.close();
    const line = lines.find((l) => l.includes('everything')) as string;
    const entry = JSON.parse(line);
    // The request serializer keeps method, URL and address only: headers never reach the log.
    expect(line).not.toContain('secret-api-key');
    expect(line).not.toContain('secret-session-id');
    expect(entry.body).toEqual({ password: '[redacted]', code: '[redacted]', secret: '[redacted]' });
  });
});
