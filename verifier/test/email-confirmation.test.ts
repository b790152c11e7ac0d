import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../src/settings/settings.ts';
import { codeIn, type TestSmtpServer, useSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  createTestApp,
  enableSystemTwoFactor,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())(
  'an e-mail address confirmed by a code before e-mail is Activated, on %s',
  (kind) => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    let admin: Client;
    let erin: number;
    const mail = useSmtpServer();
    beforeEach(async () => {
      smtp = mail.server;
      const mailer = mail.mailer();
      t = await createTestApp(kind, { mailer });
      await enableSystemTwoFactor(t);
      await updateSettings(t.ctx.db, { methods: ['totp', 'email'] }, { at: t.clock.now(), actor: 'test' });
      admin = await signInAdmin(t);
      erin = await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
    });
    afterEach(async () => {
      await t.close();
    });

    const statusOf = async (id = erin) => (await admin.get(`/api/admin/users/${id}`)).json();
    const lastCode = () => codeIn(smtp.received.at(-1));

    /** Erin signs in with her password and the code e-mailed to her. */
    async function confirmBySignIn() {
      const client = new Client(t.app);
      const login = await client.post('/api/auth/login', { username: 'erin', password: PASSWORD });
      expect(login.json()).toMatchObject({ step: 'code', method: 'email' });
      const accepted = await client.post('/api/auth/code', { code: lastCode() });
      expect(accepted.json()).toMatchObject({ step: 'signed-in' });
      t.clock.advance(61_000);
      return client;
    }

    it('shows a user given e-mailed codes as Pending until a code sent to the address is typed back', async () => {
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending', method: 'email' });
      const client = new Client(t.app);
      const login = await client.post('/api/auth/login', { username: 'erin', password: PASSWORD });
      // The enrollment step for e-mail: a code to the address, not the authenticator wizard.
      expect(login.json()).toMatchObject({ step: 'code', method: 'email', digits: 6 });
      expect(smtp.received.at(-1)?.to).toMatchObject({ text: 'erin@example.test' });
      expect((await client.get('/api/me')).json()).toMatchObject({
        scope: 'code',
        user: { twoFactorStatus: 'Pending', method: 'email' },
      });
      const wrong = lastCode() === '000000' ? '111111' : '000000';
      await client.post('/api/auth/code', { code: wrong });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending' });
      expect((await client.post('/api/auth/code', { code: lastCode() })).json()).toMatchObject({
        step: 'signed-in',
      });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Activated' });
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('event', '=', 'account.email_confirmed')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.target).toBe('erin');
      expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ address: 'erin@example.test' });
    });

    it('asks again after the admin changes the address, and sends the code to the new one', async () => {
      await confirmBySignIn();
      const changed = await admin.patch(`/api/admin/users/${erin}`, { email: 'erin.new@example.test' });
      expect(changed.json()).toMatchObject({ twoFactorStatus: 'Pending' });
      await confirmBySignIn();
      expect(smtp.received.at(-1)?.to).toMatchObject({ text: 'erin.new@example.test' });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Activated' });
    });

    it('does not accept a code sent to the old address once the admin changed it', async () => {
      const client = new Client(t.app);
      await client.post('/api/auth/login', { username: 'erin', password: PASSWORD });
      const code = lastCode();
      await admin.patch(`/api/admin/users/${erin}`, { email: 'erin.new@example.test' });
      const answer = await client.post('/api/auth/code', { code });
      expect(answer.statusCode).not.toBe(200);
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending' });
    });

    it('ends the confirmation with a lost-device reset and with a change of method', async () => {
      await confirmBySignIn();
      await admin.patch(`/api/admin/users/${erin}`, { twoFactorEnabled: false });
      await admin.patch(`/api/admin/users/${erin}`, { twoFactorEnabled: true });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending' });
      await confirmBySignIn();
      await admin.patch(`/api/admin/users/${erin}`, { method: 'totp' });
      await admin.patch(`/api/admin/users/${erin}`, { method: 'email' });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending' });
      const update = await t.ctx.db
        .selectFrom('audit_log')
        .select('detail')
        .where('event', '=', 'user.updated')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(update.detail ?? '{}').ended).toContain('email_confirmation');
    });

    it('asks again after a CSV import changes the address', async () => {
      await confirmBySignIn();
      const answer = await admin.post('/api/admin/users/import', {
        csv: 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled\r\nerin,erin.csv@example.test,erin,Agent,local,y\r\n',
      });
      expect(answer.json()).toMatchObject({ applied: true, updated: 1 });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Pending' });
    });

    it('offers a Pending e-mail user no authenticator setup, even in a full session', async () => {
      const fay = await addUser(t, 'fay', { twoFactorEnabled: false, method: 'email' });
      const client = new Client(t.app);
      const login = await client.post('/api/auth/login', { username: 'fay', password: PASSWORD });
      expect(login.json().step).toBe('signed-in');
      await admin.patch(`/api/admin/users/${fay}`, { twoFactorEnabled: true });
      const start = await client.post('/api/enrollment/start');
      expect(start.statusCode).toBe(409);
      expect(start.json().error.code).toBe('email_method');
      expect(await t.ctx.db.selectFrom('enrollments').selectAll().execute()).toEqual([]);
    });

    it('keeps an address confirmed through a change of name or group', async () => {
      await confirmBySignIn();
      await admin.patch(`/api/admin/users/${erin}`, { displayName: 'Erin E.' });
      expect(await statusOf()).toMatchObject({ twoFactorStatus: 'Activated' });
    });
  },
);
