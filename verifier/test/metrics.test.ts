import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../src/http/api-error.ts';
import {
  ADMIN_PASSWORD,
  addUser,
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

const TOKEN = 'metrics-token-for-the-tests';

/** The value of one exact series (`name{labels}`) in a Prometheus text answer; undefined if absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(databaseKinds())('metrics on %s', (kind) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const scrape = async (authorization = `Bearer ${TOKEN}`) => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };

  /** An API key and an enrolled user, dana; answers the key and her secret. */
  const setUpVerify = async () => {
    const admin = await signInAdmin(t);
    const key: string = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key;
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    const secret = await enroll(t, 'dana');
    t.clock.advance(10 * 30_000);
    const verify = async (username: string, code: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/verify',
          headers: { authorization: `Bearer ${key}` },
          payload: { username, code },
        })
      ).json();
    return { key, secret, verify };
  };

  it('should answer 404 for /metrics when no token is configured', async () => {
    t = await createTestApp(kind);
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(404);
  });

  it('should answer 401 for /metrics without the right bearer token', async () => {
    t = await createTestApp(kind, { metricsToken: TOKEN });
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN.slice(1)}`,
      TOKEN,
    ]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('invalid_metrics_token');
      expect(response.body).not.toContain('verifier_');
    }
  });

  it('should count verify answers by reason and time the verify route', async () => {
    t = await createTestApp(kind, { metricsToken: TOKEN });
    const { secret, verify } = await setUpVerify();
    expect(await verify('dana', codeFor(secret, t.clock.now()))).toEqual({ ok: true });
    t.clock.advance(30_000);
    // The first four failures cost nothing; the fifth starts the delay, so the next try is throttled.
    for (let i = 0; i < 5; i++) {
      expect(await verify('dana', wrongCode(secret, t.clock.now()))).toMatchObject({
        reason: 'invalid_code',
      });
    }
    expect(await verify('dana', codeFor(secret, t.clock.now()))).toEqual({ ok: false, reason: 'throttled' });
    const text = await scrape();
    expect(sample(text, 'verifier_verify_outcomes_total{outcome="accepted"}')).toBe(1);
    expect(sample(text, 'verifier_verify_outcomes_total{outcome="invalid_code"}')).toBe(5);
    expect(sample(text, 'verifier_verify_outcomes_total{outcome="throttled"}')).toBe(1);
    expect(sample(text, 'verifier_throttled_total{route="/api/v1/verify"}')).toBe(1);
    const verifyRoute = 'method="POST",route="/api/v1/verify",status="200"';
    expect(sample(text, `verifier_http_request_duration_seconds_count{${verifyRoute}}`)).toBe(7);
    expect(sample(text, `verifier_http_request_duration_seconds_bucket{le="+Inf",${verifyRoute}}`)).toBe(7);
    expect(sample(text, 'verifier_database_errors_total')).toBe(0);
  });

  it('should count sign-in answers by reason, with 429s as throttled', async () => {
    t = await createTestApp(kind, { metricsToken: TOKEN });
    await addUser(t, 'erin');
    const login = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'erin', password } });
    for (let i = 0; i < 5; i++) expect((await login('wrong password')).statusCode).toBe(401);
    expect((await login(PASSWORD)).statusCode).toBe(429);
    t.clock.advance(60_000);
    expect((await login(PASSWORD)).statusCode).toBe(200);
    const text = await scrape();
    const loginCount = (outcome: string) =>
      sample(text, `verifier_sign_in_outcomes_total{route="/api/auth/login",outcome="${outcome}"}`);
    expect(loginCount('invalid_credentials')).toBe(5);
    expect(loginCount('too_many_attempts')).toBe(1);
    expect(loginCount('accepted')).toBe(1);
    expect(sample(text, 'verifier_throttled_total{route="/api/auth/login"}')).toBe(1);
  });

  it('should put no usernames, secrets or raw URLs in the metrics', async () => {
    t = await createTestApp(kind, { metricsToken: TOKEN });
    const { key, secret, verify } = await setUpVerify();
    const code = codeFor(secret, t.clock.now());
    await verify('dana', code);
    await verify('nobody-here', '123456');
    await t.app.inject({ method: 'GET', url: '/api/no-such-page/dana-secret-path?user=dana' });
    const text = await scrape();
    expect(text).toContain('route="unmatched"');
    for (const leak of ['dana', 'nobody-here', key, secret, code, PASSWORD, ADMIN_PASSWORD, TOKEN]) {
      expect(text).not.toContain(leak);
    }
  });

  it('should count database failures and database_unavailable answers, not other server errors', async () => {
    t = await createTestApp(kind, { metricsToken: TOKEN });
    t.app.get('/test/database-unavailable', async () => {
      throw new ApiError(503, 'database_unavailable', 'The database is not answering.');
    });
    t.app.get('/test/fault', async () => {
      throw new TypeError('a fault in the code');
    });
    const { verify } = await setUpVerify();
    await t.ctx.db.schema.dropTable('audit_log').execute();
    expect(await verify('nobody-here', '123456')).toMatchObject({ error: { code: 'internal_error' } });
    expect((await t.app.inject({ method: 'GET', url: '/test/database-unavailable' })).statusCode).toBe(503);
    expect((await t.app.inject({ method: 'GET', url: '/test/fault' })).statusCode).toBe(500);
    const text = await scrape();
    expect(sample(text, 'verifier_database_errors_total')).toBe(2);
    expect(sample(text, 'verifier_verify_outcomes_total{outcome="internal_error"}')).toBe(1);
  });
});
