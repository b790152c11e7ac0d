import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRecoveryCode } from '../src/recovery-codes/recovery-code-format.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  signInAdmin,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

/** Sets up the authenticator through the API; returns the secret and the codes the setup showed. */
async function enrollWithCodes(t: TestApp, username: string) {
  const client = new Client(t.app);
  await client.post('/api/auth/login', { username, password: PASSWORD });
  const { secret } = (await client.post('/api/enrollment/start')).json() as { secret: string };
  const confirm = await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
  if (confirm.statusCode !== 200) throw new Error(`enrollment failed: ${confirm.body}`);
  return { secret, codes: confirm.json().recoveryCodes as string[] };
}

/** A client at the code step of a sign-in. */
async function atCodeStep(t: TestApp, username: string) {
  const client = new Client(t.app);
  const login = await client.post('/api/auth/login', { username, password: PASSWORD });
  expect(login.json().step).toBe('code');
  return client;
}

/** A recovery code of the same shape as `code` whose secret part is different. */
function withWrongSecret(code: string): string {
  const last = code.at(-1) === '0' ? '1' : '0';
  return code.slice(0, -1) + last;
}

describe.each(databaseKinds())('recovery codes on %s', (kind) => {
  let t: TestApp;
  let secret: string;
  let codes: string[];
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await addUser(t, 'dana', { twoFactorEnabled: true });
    ({ secret, codes } = await enrollWithCodes(t, 'dana'));
    t.clock.advance(10 * 30_000);
  });
  afterEach(async () => {
    await t.close();
  });

  const verify = (app: FastifyInstance, key: string, body: object) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${key}` },
      payload: body,
    });

  it('shows ten distinct codes of 20 characters once at the end of setup, and stores only hashes', async () => {
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    const rows = await t.ctx.db.selectFrom('recovery_codes').selectAll().execute();
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^\$argon2id\$/);
      expect(codes.some((code) => row.code_hash.includes(parseRecoveryCode(code)?.secret ?? '-'))).toBe(
        false,
      );
    }
  });

  it('signs in once with a recovery code, refuses the same code again, and counts one fewer left', async () => {
    const first = await atCodeStep(t, 'dana');
    const accepted = await first.post('/api/auth/recovery-code', { code: codes[0]?.toLowerCase() });
    expect(accepted.json().step).toBe('signed-in');
    expect((await first.get('/api/recovery-codes')).json()).toEqual({ left: 9, available: true });
    const second = await atCodeStep(t, 'dana');
    const again = await second.post('/api/auth/recovery-code', { code: codes[0] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('recovery_code_used');
    const wrong = await second.post('/api/auth/recovery-code', { code: withWrongSecret(codes[1] as string) });
    expect(wrong.json().error.code).toBe('recovery_code_invalid');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'recovery_code.used')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('counts wrong recovery codes with the wrong authenticator codes: the fifth wrong one is delayed', async () => {
    const client = await atCodeStep(t, 'dana');
    for (let i = 0; i < 4; i++) {
      const wrong = await client.post('/api/auth/recovery-code', {
        code: withWrongSecret(codes[i] as string),
      });
      expect(wrong.json().error.code).toBe('recovery_code_invalid');
    }
    const fifth = await client.post('/api/auth/code', { code: wrongCode(secret, t.clock.now()) });
    expect(fifth.json().error.code).toBe('code_invalid');
    const delayed = await client.post('/api/auth/recovery-code', { code: codes[5] });
    expect(delayed.statusCode).toBe(429);
  });

  it('accepts a code exactly once when 50 applications send it at the same time', async () => {
    // Each application counts on its own key, so all 50 reach the hash and the single-use mark.
    const admin = await signInAdmin(t);
    const keys: string[] = [];
    for (let i = 0; i < 50; i++)
      keys.push((await admin.post('/api/admin/api-keys', { name: `App ${i}` })).json().key);
    const body = { username: 'dana', code: codes[3], allowRecoveryCode: true };
    const answers = (await Promise.all(keys.map((key) => verify(t.app, key, body)))).map((a) => a.json());
    const accepted = answers.filter((a) => a.ok === true);
    const replayed = answers.filter((a) => a.reason === 'replayed');
    console.info(`parallel single use on ${kind}: ${accepted.length} of 50 accepted`);
    expect(accepted).toHaveLength(1);
    expect(replayed).toHaveLength(49);
    const used = await t.ctx.db
      .selectFrom('recovery_codes')
      .select('used_at')
      .where('used_at', 'is not', null)
      .execute();
    expect(used).toHaveLength(1);
    const row = await t.ctx.db
      .selectFrom('users')
      .select('code_failures')
      .where('username', '=', 'dana')
      .executeTakeFirstOrThrow();
    expect(row.code_failures).toBe(0);
  });

  it('makes a new set only with the password and a current code, and the old codes stop working', async () => {
    const client = await atCodeStep(t, 'dana');
    await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    t.clock.advance(30_000);
    const code = codeFor(secret, t.clock.now());
    const noPassword = await client.post('/api/recovery-codes/regenerate', {
      currentPassword: 'wrong one',
      code,
    });
    expect(noPassword.json().error.code).toBe('invalid_credentials');
    const noCode = await client.post('/api/recovery-codes/regenerate', {
      currentPassword: PASSWORD,
      code: wrongCode(secret, t.clock.now()),
    });
    expect(noCode.json().error.code).toBe('code_invalid');
    const made = await client.post('/api/recovery-codes/regenerate', { currentPassword: PASSWORD, code });
    expect(made.statusCode).toBe(200);
    const fresh = made.json().codes as string[];
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => codes.includes(c))).toBe(false);
    const old = await atCodeStep(t, 'dana');
    expect((await old.post('/api/auth/recovery-code', { code: codes[0] })).json().error.code).toBe(
      'recovery_code_invalid',
    );
    const next = await atCodeStep(t, 'dana');
    expect((await next.post('/api/auth/recovery-code', { code: fresh[0] })).json().step).toBe('signed-in');
  });

  it('is accepted by the verify API only when the application asks, and then only once', async () => {
    const admin = await signInAdmin(t);
    const key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key as string;
    const code = codes[2] as string;
    expect((await verify(t.app, key, { username: 'dana', code })).json()).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
    expect((await verify(t.app, key, { username: 'dana', code, allowRecoveryCode: true })).json()).toEqual({
      ok: true,
      recoveryCodesLeft: 9,
    });
    expect((await verify(t.app, key, { username: 'dana', code, allowRecoveryCode: true })).json()).toEqual({
      ok: false,
      reason: 'replayed',
    });
    // An authenticator code with the flag takes the ordinary path.
    const totp = codeFor(secret, t.clock.now());
    expect(
      (await verify(t.app, key, { username: 'dana', code: totp, allowRecoveryCode: true })).json(),
    ).toEqual({
      ok: true,
    });
  });

  it('answers a recovery code for an unknown name and for a user without codes as a wrong one', async () => {
    const admin = await signInAdmin(t);
    const key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key as string;
    await addUser(t, 'erin', { twoFactorEnabled: true });
    const ask = (username: string, code: string) =>
      verify(t.app, key, { username, code, allowRecoveryCode: true }).then((r) => r.json());
    const wrong = await ask('dana', withWrongSecret(codes[0] as string));
    expect(wrong).toEqual({ ok: false, reason: 'invalid_code' });
    expect(await ask('nobody', codes[0] as string)).toEqual(wrong);
    expect(await ask('erin', codes[0] as string)).toEqual(wrong);
  });

  it('shows the admin how many are left, and an admin reset of 2FA deletes them', async () => {
    const admin = await signInAdmin(t);
    const { id } = (await admin.get('/api/admin/users?query=dana')).json().items[0];
    const client = await atCodeStep(t, 'dana');
    await client.post('/api/auth/recovery-code', { code: codes[0] });
    expect((await admin.get(`/api/admin/users/${id}/recovery-codes`)).json()).toEqual({
      left: 9,
      available: true,
    });
    await admin.patch(`/api/admin/users/${id}`, { twoFactorEnabled: false });
    await admin.patch(`/api/admin/users/${id}`, { twoFactorEnabled: true });
    expect((await admin.get(`/api/admin/users/${id}/recovery-codes`)).json()).toEqual({
      left: 0,
      available: false,
    });
    const rows = await t.ctx.db.selectFrom('recovery_codes').selectAll().execute();
    expect(rows).toHaveLength(0);
  });
});
