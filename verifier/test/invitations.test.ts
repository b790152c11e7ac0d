import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, loggerOptions } from '../src/app.ts';
import { sha256Hex } from '../src/crypto/tokens.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { codeIn, type TestSmtpServer, useSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  PUBLIC_URL,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';
const NEW_PASSWORD = 'ivy chose this passphrase';

describe.each(databaseKinds())('invitations for users without a password, on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: Client;
  const mail = useSmtpServer();
  beforeEach(async () => {
    smtp = mail.server;
    const mailer = mail.mailer();
    t = await createTestApp(kind, { mailer });
    await enableSystemTwoFactor(t);
    await updateSettings(
      t.ctx.db,
      { methods: ['totp', 'email'], organisationName: 'Acme Test' },
      { at: t.clock.now(), actor: 'test' },
    );
    admin = await signInAdmin(t);
    const csv = `${HEADER}\nivy,ivy@example.test,Ivy Lee,Agent,local,y\nnoah,,Noah,Agent,local,y\nsam,sam@example.test,Sam,Agent,sso,n\n`;
    expect((await admin.post('/api/admin/users/import', { csv, dryRun: false })).statusCode).toBe(200);
  });
  afterEach(async () => {
    await t.close();
  });

  const idOf = async (username: string) =>
    (
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const invite = async (username: string) =>
    admin.post(`/api/admin/users/${await idOf(username)}/invitation`);
  const tokenIn = (index = -1) => {
    const match = /\/invitation#([A-Za-z0-9_-]{43})\b/.exec(smtp.received.at(index)?.text ?? '');
    if (!match?.[1]) throw new Error(`no invitation link in: ${smtp.received.at(index)?.text}`);
    return match[1];
  };
  const accept = (token: string, password = NEW_PASSWORD, client = new Client(t.app)) =>
    client.post('/api/invitations/accept', { token, password });
  const passwordHashOf = async (username: string) =>
    (
      await t.ctx.db
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).password_hash;
  const auditOf = (event: string) =>
    t.ctx.db.selectFrom('audit_log').selectAll().where('event', '=', event).orderBy('id').execute();

  it('e-mails an imported user a one-time link with the organisation, the expiry and an HTML part, storing only its hash', async () => {
    const sent = await invite('ivy');
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toEqual({
      username: 'ivy',
      sentTo: 'ivy@example.test',
      expiresAt: new Date(t.clock.now() + 24 * HOUR).toISOString(),
    });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toMatchObject({ text: 'ivy@example.test' });
    expect(mail?.subject).toBe('Your invitation to Acme Test');
    const token = tokenIn();
    expect(mail?.text).toContain(`${PUBLIC_URL}/invitation#${token}`);
    expect(mail?.text).toContain('Hello Ivy Lee,');
    expect(mail?.text).toContain('expires in 24 hours (16 January 2026, 09:00 UTC)');
    expect(mail?.html).toContain(`<a href="${PUBLIC_URL}/invitation#${token}">`);
    const rows = await t.ctx.db.selectFrom('invitations').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    const [audit] = await auditOf('invitation.sent');
    expect(audit).toMatchObject({ actor: 'admin', target: 'ivy' });
    expect(JSON.parse(audit?.detail ?? '{}')).toMatchObject({ address: 'ivy@example.test' });
    expect(JSON.stringify(await t.ctx.db.selectFrom('audit_log').selectAll().execute())).not.toContain(token);
  });

  it('lets the invited user choose a password and go straight on to the authenticator setup, once', async () => {
    await invite('ivy');
    const token = tokenIn();
    const opened = await new Client(t.app).post('/api/invitations/open', { token });
    expect(opened.json()).toMatchObject({
      username: 'ivy',
      displayName: 'Ivy Lee',
      organisationName: 'Acme Test',
    });
    const browser = new Client(t.app);
    const accepted = await accept(token, NEW_PASSWORD, browser);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ step: 'setup' });
    const start = await browser.post('/api/enrollment/start');
    expect(start.statusCode).toBe(200);
    const confirm = await browser.post('/api/enrollment/confirm', {
      code: codeFor(start.json().secret, t.clock.now()),
    });
    expect(confirm.statusCode).toBe(200);
    const [audit] = await auditOf('invitation.accepted');
    expect(audit).toMatchObject({ actor: 'ivy', target: 'ivy' });
    expect(await t.ctx.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
    // Used up: the same link again changes nothing, and the new password signs in.
    const again = await accept(token, 'someone else entirely');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('invitation_invalid');
    const login = await new Client(t.app).post('/api/auth/login', {
      username: 'ivy',
      password: NEW_PASSWORD,
    });
    expect(login.json()).toMatchObject({ step: 'code', method: 'totp' });
  });

  it('gives one of two tabs racing with the same link the password, the other a refusal', async () => {
    await invite('ivy');
    const token = tokenIn();
    const answers = await Promise.all([
      accept(token, 'first tab password'),
      accept(token, 'second tab password'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 404]);
    const winner = answers[0]?.statusCode === 200 ? 'first tab password' : 'second tab password';
    const login = await new Client(t.app).post('/api/auth/login', { username: 'ivy', password: winner });
    expect(login.statusCode).toBe(200);
    expect(await auditOf('invitation.accepted')).toHaveLength(1);
  });

  it('says the link has expired after 24 hours, and changes nothing', async () => {
    await invite('ivy');
    const token = tokenIn();
    t.clock.advance(24 * HOUR);
    const bodies = { open: { token }, accept: { token, password: NEW_PASSWORD } };
    for (const [path, body] of Object.entries(bodies)) {
      const answer = await new Client(t.app).post(`/api/invitations/${path}`, body);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error).toEqual({
        code: 'invitation_expired',
        message: 'This invitation has expired — ask your admin for a new one.',
      });
    }
    expect(await passwordHashOf('ivy')).toBeNull();
  });

  it('voids the older link when a newer invitation is sent, and refuses a resend within 10 minutes', async () => {
    await invite('ivy');
    const first = tokenIn();
    const soon = await invite('ivy');
    expect(soon.statusCode).toBe(409);
    expect(soon.json().error).toMatchObject({ code: 'invitation_too_soon' });
    expect(soon.json().error.message).toContain('Send again in 10 minutes');
    expect(smtp.received).toHaveLength(1);
    t.clock.advance(10 * MINUTE);
    expect((await invite('ivy')).statusCode).toBe(201);
    const second = tokenIn();
    expect((await accept(first)).json().error.code).toBe('invitation_invalid');
    expect((await accept(second)).statusCode).toBe(200);
  });

  it('refuses, saying why, a user without an address, one with a password and an SSO user', async () => {
    await addUser(t, 'olga');
    const cases: Array<[string, string]> = [
      ['noah', 'email_missing'],
      ['olga', 'has_password'],
      ['sam', 'single_sign_on_user'],
    ];
    for (const [username, code] of cases) {
      const answer = await invite(username);
      expect(answer.statusCode, username).toBe(409);
      expect(answer.json().error.code, username).toBe(code);
    }
    expect(smtp.received).toHaveLength(0);
    expect(await t.ctx.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
  });

  it('refuses a password shorter than 12 characters and leaves the link usable', async () => {
    await invite('ivy');
    const token = tokenIn();
    const short = await accept(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('weak_password');
    expect(await passwordHashOf('ivy')).toBeNull();
    expect((await accept(token)).statusCode).toBe(200);
  });

  it('refuses a token that is not one, without looking it up', async () => {
    const answer = await accept('not-a-token');
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.code).toBe('invalid_request');
  });

  it('voids a pending invitation when an admin sets the password, as the endings table says', async () => {
    await invite('ivy');
    const token = tokenIn();
    const ivy = await idOf('ivy');
    const patched = await admin.patch(`/api/admin/users/${ivy}`, { password: PASSWORD });
    expect(patched.statusCode).toBe(200);
    expect((await accept(token)).json().error.code).toBe('invitation_invalid');
    const [updated] = (await auditOf('user.updated')).filter((e) => e.target === 'ivy');
    expect(JSON.parse(updated?.detail ?? '{}').ended).toContain('invitation');
  });

  it("signs an e-mail user in at the password step and sends them the normal next step's code", async () => {
    await admin.patch(`/api/admin/users/${await idOf('ivy')}`, { method: 'email' });
    await invite('ivy');
    const accepted = await accept(tokenIn());
    expect(accepted.json()).toMatchObject({ step: 'code', method: 'email' });
    expect(smtp.received).toHaveLength(2);
    expect(codeIn(smtp.received.at(-1))).toMatch(/^\d{6}$/);
  });

  it('counts the users without a password and invites them all, each at most once per 10 minutes', async () => {
    expect((await admin.get('/api/admin/invitations')).json()).toEqual({
      withoutPassword: 2,
      withAddress: 1,
    });
    const all = await admin.post('/api/admin/invitations');
    expect(all.statusCode).toBe(200);
    expect(all.json().sent.map((s: { username: string }) => s.username)).toEqual(['ivy']);
    expect(all.json().refused).toEqual([
      expect.objectContaining({ username: 'noah', code: 'email_missing' }),
    ]);
    const twice = await admin.post('/api/admin/invitations');
    expect(twice.json().sent).toEqual([]);
    expect(twice.json().refused.map((r: { code: string }) => r.code)).toEqual([
      'invitation_too_soon',
      'email_missing',
    ]);
    expect(smtp.received).toHaveLength(1);
  });

  it('takes the invitation back when the mail server refuses it, so the admin can try again at once', async () => {
    smtp.rejectNext(2, 451);
    const failed = await invite('ivy');
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.code).toBe('mail_not_sent');
    expect(await t.ctx.db.selectFrom('invitations').selectAll().execute()).toEqual([]);
    expect(await auditOf('invitation.send_failed')).toHaveLength(1);
    expect((await invite('ivy')).statusCode).toBe(201);
  });

  it('sends nothing without PUBLIC_URL, rather than build a link from the Host header', async () => {
    t.ctx.publicUrl = undefined;
    const answer = await admin.request(
      'POST',
      `/api/admin/users/${await idOf('ivy')}/invitation`,
      {},
      { host: 'evil.example' },
    );
    expect(answer.statusCode).toBe(503);
    expect(answer.json().error.code).toBe('public_url_missing');
    expect(smtp.received).toHaveLength(0);
  });

  it('is for admins only', async () => {
    const ivy = await idOf('ivy');
    const stranger = new Client(t.app);
    expect((await stranger.post(`/api/admin/users/${ivy}/invitation`)).statusCode).toBe(401);
    expect((await stranger.post('/api/admin/invitations')).statusCode).toBe(401);
  });
});

describe('invitation tokens in the logs', () => {
  it('never writes the token, from sending through using it', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const t = await createTestApp('sqlite');
    try {
      const app = await buildApp(t.ctx, { logger: loggerOptions('trace', stream) });
      const admin = await signInAdmin({ ...t, app });
      const ivy = await addUser(t, 'ivy', { password: undefined });
      await t.ctx.db.updateTable('users').set({ password_hash: null }).where('id', '=', ivy).execute();
      const sent = await admin.post(`/api/admin/users/${ivy}/invitation`);
      expect(sent.statusCode).toBe(201);
      const { readFileSync } = await import('node:fs');
      const outboxLine = lines.find((line) => line.includes('outboxPath')) as string;
      const eml = readFileSync(JSON.parse(outboxLine).outboxPath, 'utf8');
      const token = /invitation#([A-Za-z0-9_-]{43})/.exec(eml)?.[1] as string;
      expect(token).toHaveLength(43);
      const client = new Client(app);
      expect((await client.post('/api/invitations/open', { token })).statusCode).toBe(200);
      expect(
        (await client.post('/api/invitations/accept', { token, password: NEW_PASSWORD })).statusCode,
      ).toBe(200);
      app.log.info({ invitation: { token } }, 'a line that names a token field');
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.join('\n')).not.toContain(token);
      await app.close();
    } finally {
      await t.close();
    }
  });
});
