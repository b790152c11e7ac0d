import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendSecurityNotice, settleNotices } from '../src/security-mail/send-security-notice.ts';
import { useSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';
import { HEADER } from '../test-support/users-csv-fixtures.ts';

describe.each(databaseKinds())('security e-mails on %s', (kind) => {
  let t: TestApp;
  const mail = useSmtpServer();
  beforeEach(async () => {
    t = await createTestApp(kind, { mailer: mail.mailer([5]) });
    await enableSystemTwoFactor(t);
    await t.ctx.db.updateTable('settings').set({ organisation_name: 'Acme Support' }).execute();
    await addUser(t, 'dana', { twoFactorEnabled: true });
  });
  afterEach(async () => {
    await t.close();
  });

  /** What reached the SMTP server once every notice under way is done. */
  async function received() {
    await settleNotices(t.ctx.mailer);
    return mail.server.received.map((m) => ({
      to: (Array.isArray(m.to) ? m.to[0] : m.to)?.text,
      subject: m.subject,
      text: m.text ?? '',
    }));
  }

  async function enrollWithCodes(username = 'dana') {
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username, password: PASSWORD });
    const { secret } = (await client.post('/api/enrollment/start')).json() as { secret: string };
    const confirm = await client.post('/api/enrollment/confirm', { code: codeFor(secret, t.clock.now()) });
    expect(confirm.statusCode).toBe(200);
    return { secret, codes: confirm.json().recoveryCodes as string[] };
  }

  it('tells the user when 2FA is set up', async () => {
    await enrollWithCodes();
    const [message, ...more] = await received();
    expect(more).toEqual([]);
    expect(message?.to).toBe('dana@example.test');
    expect(message?.subject).toBe('Two-factor authentication is now on for Acme Support');
    expect(message?.text).toContain('Two-factor authentication was set up for your account dana');
  });

  it('tells the user when a browser was remembered, and not when the box was left unticked', async () => {
    const { secret } = await enrollWithCodes();
    await received();
    mail.server.received.length = 0;
    const admin = await signInAdmin(t);
    expect((await admin.patch('/api/admin/settings', { rememberDeviceDays: 14 })).statusCode).toBe(200);
    for (const remember of [false, true]) {
      t.clock.advance(30_000);
      const client = new Client(t.app);
      await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
      const code = await client.post('/api/auth/code', { code: codeFor(secret, t.clock.now()), remember });
      expect(code.json().step, code.body).toBe('signed-in');
    }
    const messages = await received();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.subject).toBe('A new device was remembered for Acme Support');
    expect(messages[0]?.text).toContain('A browser was remembered for your account dana');
  });

  it('tells the user a recovery code was used, with how many are left, and audits the sending', async () => {
    const { codes } = await enrollWithCodes();
    await received();
    mail.server.received.length = 0;
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    expect((await client.post('/api/auth/recovery-code', { code: codes[0] })).json().step).toBe('signed-in');
    const [message] = await received();
    expect(message?.subject).toBe('A recovery code was used to sign in to Acme Support');
    expect(message?.text).toContain('You have 9 recovery codes left');
    expect(message?.text).not.toContain(codes[0]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event', '=', 'security_mail.sent')
      .execute();
    expect(audit.map((row) => JSON.parse(row.detail ?? '{}').kind)).toEqual([
      'two_factor_set_up',
      'recovery_code_used',
    ]);
  });

  it('tells the user of a 2FA reset by an admin, on Edit user and by CSV import', async () => {
    await enrollWithCodes();
    await addUser(t, 'erin', { twoFactorEnabled: true });
    await received();
    mail.server.received.length = 0;
    const admin = await signInAdmin(t);
    const { id } = (await admin.get('/api/admin/users?query=dana')).json().items[0];
    await admin.patch(`/api/admin/users/${id}`, { twoFactorEnabled: false });
    const imported = await admin.post('/api/admin/users/import', {
      csv: `${HEADER}\r\nerin,erin@example.test,erin,Agent,local,n\r\n`,
    });
    expect(imported.statusCode).toBe(200);
    const messages = await received();
    expect(messages.map((m) => [m.to, m.subject])).toEqual([
      ['dana@example.test', 'Your two-factor authentication for Acme Support was reset'],
      ['erin@example.test', 'Your two-factor authentication for Acme Support was reset'],
    ]);
  });

  it('tells the user their password changed, by themself or by an admin', async () => {
    await addUser(t, 'pat', { twoFactorEnabled: false });
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    const changed = await client.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(changed.statusCode).toBe(200);
    const admin = await signInAdmin(t);
    const { id } = (await admin.get('/api/admin/users?query=pat')).json().items[0];
    await admin.patch(`/api/admin/users/${id}`, { password: 'set by the admin here' });
    const messages = await received();
    expect(messages.map((m) => [m.to, m.subject])).toEqual([
      ['pat@example.test', 'Your password for Acme Support was changed'],
      ['pat@example.test', 'Your password for Acme Support was changed'],
    ]);
  });

  it('sends the remembered-device notice through the one exported function', async () => {
    const user = { username: 'dana', email: 'dana@example.test', displayName: 'Dana' };
    expect(await sendSecurityNotice(t.ctx, user, 'device_remembered', { ip: '192.0.2.7' })).toBe('sent');
    const [message] = await received();
    expect(message?.subject).toBe('A new device was remembered for Acme Support');
    expect(message?.text).toContain('(from 192.0.2.7)');
  });

  it('sends nothing of a kind the admin switched off, and still sends the others', async () => {
    const admin = await signInAdmin(t);
    const saved = await admin.patch('/api/admin/security-mail', { two_factor_set_up: false });
    expect(saved.json().kinds.find((k: { kind: string }) => k.kind === 'two_factor_set_up').enabled).toBe(
      false,
    );
    const { codes } = await enrollWithCodes();
    expect(await received()).toEqual([]);
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'dana', password: PASSWORD });
    await client.post('/api/auth/recovery-code', { code: codes[0] });
    expect((await received()).map((m) => m.subject)).toEqual([
      'A recovery code was used to sign in to Acme Support',
    ]);
  });

  it('sends nothing to a user without an address', async () => {
    const user = { username: 'sam', email: '  ', displayName: 'Sam' };
    expect(await sendSecurityNotice(t.ctx, user, 'password_changed', {})).toBe('no_address');
    expect(await received()).toEqual([]);
  });

  it('lets the setup succeed when the mail server refuses, and audits the failure without the message', async () => {
    mail.server.rejectNext(5, 550);
    const { codes } = await enrollWithCodes();
    expect(codes).toHaveLength(10);
    expect(await received()).toEqual([]);
    const failed = await t.ctx.db
      .selectFrom('audit_log')
      .select('detail')
      .where('event', '=', 'security_mail.send_failed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(failed.detail ?? '{}')).toMatchObject({ kind: 'two_factor_set_up', responseCode: 550 });
  });
});
