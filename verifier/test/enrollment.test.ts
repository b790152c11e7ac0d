import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base32Decode, parseOtpauthUri } from '../../shared/index.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())('enrollment on %s', (kind) => {
  let t: TestApp;
  let client: Client;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await t.ctx.db.updateTable('settings').set({ organisation_name: 'Acme Support' }).execute();
    await addUser(t, 'pat', { twoFactorEnabled: true });
    client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'pat', password: PASSWORD });
  });
  afterEach(async () => {
    await t.close();
  });

  it('offers a 160-bit secret as an otpauth URI labelled issuer:username and its base32 text, for the page to draw as a QR code', async () => {
    const response = await client.post('/api/enrollment/start');
    expect(response.statusCode).toBe(200);
    const offer = response.json();
    expect(offer).toMatchObject({
      issuer: 'Acme Support',
      account: 'pat',
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
    expect(offer.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(offer.secret)).toHaveLength(20);
    const parsed = parseOtpauthUri(offer.uri);
    expect(parsed).toMatchObject({ type: 'totp', issuer: 'Acme Support', account: 'pat' });
    expect(Buffer.from(parsed.secret)).toEqual(Buffer.from(base32Decode(offer.secret)));
    expect(offer.uri).toContain('Acme%20Support:pat');
    expect(Date.parse(offer.expiresAt)).toBe(t.clock.now() + 30 * 60_000);
  });

  it('activates 2FA on a current code and ends the session so the user signs in with a code', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    const confirm = await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
    expect(confirm.json()).toEqual({ step: 'signed-out', recoveryCodes: expect.any(Array) });
    expect(confirm.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    expect((await client.get('/api/me')).statusCode).toBe(401);
    t.clock.advance(30_000);
    const again = new Client(t.app);
    expect((await again.post('/api/auth/login', { username: 'pat', password: PASSWORD })).json().step).toBe(
      'code',
    );
    expect((await again.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) })).json().step).toBe(
      'signed-in',
    );
    expect((await again.get('/api/me')).json().user.twoFactorStatus).toBe('Activated');
  });

  it('does not let the code that confirmed the setup be used again to sign in', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    const code = codeFor(secret, t.clock.now());
    await client.post('/api/enrollment/confirm', { code });
    const again = new Client(t.app);
    await again.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    expect((await again.post('/api/auth/code', { code })).json().error.code).toBe('code_used');
  });

  it('rejects a wrong or blank code and keeps the user Pending', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    expect((await client.post('/api/enrollment/confirm', { code: '' })).json().error.code).toBe('code_blank');
    const wrong = await client.post('/api/enrollment/confirm', { code: wrongCode(secret, t.clock.now()) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('code_invalid');
    expect((await client.get('/api/me')).json().user.twoFactorStatus).toBe('Pending');
  });

  it('expires an unconfirmed setup after 30 minutes', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    t.clock.advance(30 * 60_000);
    // The setup-limited session lives 15 minutes, so the user signs in again to confirm.
    const again = new Client(t.app);
    await again.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    const late = await again.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('enrollment_expired');
    expect(late.json().error.message).toContain('30 minutes');
  });

  it('shows the same key again when the user reloads or comes back while it is pending', async () => {
    const first = (await client.post('/api/enrollment/start')).json();
    t.clock.advance(5 * 60_000);
    const reload = (await client.post('/api/enrollment/start')).json();
    expect(reload.secret).toBe(first.secret);
    expect(reload.uri).toBe(first.uri);
    expect(reload.expiresAt).toBe(first.expiresAt);
    // A new sign-in (the user went away and came back) still finds the key already scanned.
    const back = new Client(t.app);
    await back.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    expect((await back.post('/api/enrollment/start')).json().secret).toBe(first.secret);
    const events = await t.ctx.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', 'like', 'enrollment.%')
      .execute();
    expect(events).toEqual([{ event: 'enrollment.started' }]);
  });

  it('confirms with a code from the key scanned first after the page was reloaded', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    await client.post('/api/enrollment/start');
    const confirm = await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
    expect(confirm.statusCode).toBe(200);
  });

  it('issues a fresh key once the pending one has expired after 30 minutes', async () => {
    const first = (await client.post('/api/enrollment/start')).json();
    t.clock.advance(30 * 60_000);
    const again = new Client(t.app);
    await again.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    const fresh = (await again.post('/api/enrollment/start')).json();
    expect(fresh.secret).not.toBe(first.secret);
    expect(Date.parse(fresh.expiresAt)).toBe(t.clock.now() + 30 * 60_000);
    const confirm = await again.post('/api/enrollment/confirm', {
      code: codeFor(fresh.secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
  });

  it('replaces the key only when the user asks for a new one, and names the replaced key when its code is refused', async () => {
    const first = (await client.post('/api/enrollment/start')).json().secret;
    const second = (await client.post('/api/enrollment/new-key')).json();
    expect(second.secret).not.toBe(first);
    expect(Date.parse(second.expiresAt)).toBe(t.clock.now() + 30 * 60_000);
    const old = await client.post('/api/enrollment/confirm', { code: codeFor(first, t.clock.now()) });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.code).toBe('code_invalid');
    const message: string = old.json().error.message;
    const account = message.indexOf('account');
    const replaced = message.indexOf('Show a new key');
    const clock = message.indexOf('time');
    expect(account).toBeGreaterThan(-1);
    expect(replaced).toBeGreaterThan(account);
    expect(clock).toBeGreaterThan(replaced);
    expect(message).toContain('Acme Support');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['event', 'actor', 'target'])
      .where('event', 'like', 'enrollment.%')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { event: 'enrollment.started', actor: 'pat', target: 'pat' },
      { event: 'enrollment.key_replaced', actor: 'pat', target: 'pat' },
    ]);
    const fresh = await client.post('/api/enrollment/confirm', {
      code: codeFor(second.secret, t.clock.now()),
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('keeps every key it showed sealed in the database, reloads and new keys included', async () => {
    const shown = [(await client.post('/api/enrollment/start')).json().secret as string];
    shown.push((await client.post('/api/enrollment/start')).json().secret);
    shown.push((await client.post('/api/enrollment/new-key')).json().secret);
    const text = JSON.stringify(await t.ctx.db.selectFrom('enrollments').selectAll().execute());
    for (const secret of shown) {
      const raw = Buffer.from(base32Decode(secret));
      for (const form of [secret, raw.toString('hex'), raw.toString('base64')])
        expect(text).not.toContain(form);
    }
  });

  it('refuses to start when 2FA is not Pending for the user', async () => {
    await addUser(t, 'erin');
    const other = new Client(t.app);
    await other.post('/api/auth/login', { username: 'erin', password: PASSWORD });
    const response = await other.post('/api/enrollment/start');
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('not_pending');
  });

  it('stores no secret in any readable form in any table', async () => {
    const { secret } = (await client.post('/api/enrollment/start')).json();
    await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
    const raw = Buffer.from(base32Decode(secret));
    const tables = ['credentials', 'enrollments', 'audit_log', 'sessions', 'users', 'settings'] as const;
    for (const table of tables) {
      const text = JSON.stringify(await t.ctx.db.selectFrom(table).selectAll().execute());
      for (const form of [secret, raw.toString('hex'), raw.toString('base64')])
        expect(text).not.toContain(form);
    }
    expect(await t.ctx.db.selectFrom('credentials').select('key_id').execute()).toEqual([
      { key_id: t.ctx.box.currentKeyId },
    ]);
  });

  // The database file is only ours to read on SQLite.
  if (kind === 'sqlite')
    it('never writes the secret in plaintext into the database file', async () => {
      const { secret } = (await client.post('/api/enrollment/start')).json();
      await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
      const file = t.database.file as string;
      const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]);
      const raw = Buffer.from(base32Decode(secret));
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret.toLowerCase()))).toBe(false);
      expect(bytes.includes(raw)).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('hex')))).toBe(false);
      expect(bytes.includes(Buffer.from(raw.toString('base64')))).toBe(false);
    });
});
