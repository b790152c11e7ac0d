import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, type TestSmtpServer, useSmtpServer } from '../test-support/smtp.ts';
import {
  addUser,
  Client,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

describe.each(databaseKinds())(
  'a method removed in System Settings ends what a method change ends, on %s',
  (kind) => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    let admin: Client;
    let key: string;
    let danaSecret: string;
    const mail = useSmtpServer();
    beforeEach(async () => {
      smtp = mail.server;
      const mailer = mail.mailer();
      t = await createTestApp(kind, { mailer });
      await enableSystemTwoFactor(t);
      admin = await signInAdmin(t);
      key = (await admin.post('/api/admin/api-keys', { name: 'CRM' })).json().key;
      expect((await admin.patch('/api/admin/settings', { methods: ['totp', 'email'] })).statusCode).toBe(200);
      await addUser(t, 'dana', { twoFactorEnabled: true });
      danaSecret = await enroll(t, 'dana');
      await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
      t.clock.advance(30_000);
    });
    afterEach(async () => {
      await t.close();
    });

    const statusOf = async (username: string) => {
      const list = (await admin.get(`/api/admin/users?query=${username}`)).json();
      return list.items.find((u: { username: string }) => u.username === username);
    };

    async function signedIn(username: 'dana' | 'erin'): Promise<Client> {
      const client = new Client(t.app);
      await client.post('/api/auth/login', { username, password: PASSWORD });
      const code = username === 'dana' ? codeFor(danaSecret, t.clock.now()) : codeIn(smtp.received.at(-1));
      expect((await client.post('/api/auth/code', { code })).json().step).toBe('signed-in');
      t.clock.advance(61_000);
      return client;
    }

    const verify = (username: string, code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${key}` },
        payload: { username, code },
      });

    const updatesOf = async (username: string) =>
      (
        await t.ctx.db
          .selectFrom('audit_log')
          .select(['actor', 'detail'])
          .where('event', '=', 'user.updated')
          .where('target', '=', username)
          .execute()
      ).map((row) => ({ actor: row.actor, ...JSON.parse(row.detail ?? '{}') }));

    it('ends the authenticator of users moved to e-mail, so it does not come back when allowed again', async () => {
      const dana = await signedIn('dana');
      const erin = await signedIn('erin');
      await admin.patch('/api/admin/settings', { methods: ['email'] });
      expect((await dana.get('/api/me')).statusCode).toBe(401);
      expect((await erin.get('/api/me')).statusCode).toBe(200);
      expect(await t.ctx.db.selectFrom('credentials').selectAll().execute()).toEqual([]);
      expect(await updatesOf('dana')).toEqual([
        {
          actor: 'admin',
          reason: 'settings',
          method: { from: 'totp', to: 'email' },
          ended: [
            'credential',
            'enrollment',
            'email_code',
            'email_confirmation',
            'sessions',
            'remembered_devices',
            'recovery_codes',
          ],
        },
      ]);
      expect(await updatesOf('erin')).toEqual([]);
      // The admin who saved has 2FA off: moved too, but no factor was in use, so still signed in.
      expect((await admin.get('/api/me')).statusCode).toBe(200);
      expect((await updatesOf('admin'))[0].ended).toEqual([
        'credential',
        'enrollment',
        'email_code',
        'email_confirmation',
        'remembered_devices',
        'recovery_codes',
      ]);
      await admin.patch('/api/admin/settings', { methods: ['totp', 'email'] });
      expect(await statusOf('dana')).toMatchObject({ method: 'totp', twoFactorStatus: 'Pending' });
      t.clock.advance(30_000);
      expect((await verify('dana', codeFor(danaSecret, t.clock.now()))).json()).toEqual({
        ok: false,
        reason: 'invalid_code',
      });
    });

    it('ends the e-mail confirmation and sessions of users moved to the authenticator', async () => {
      const dana = await signedIn('dana');
      const erin = await signedIn('erin');
      expect(await statusOf('erin')).toMatchObject({ twoFactorStatus: 'Activated' });
      await admin.patch('/api/admin/settings', { methods: ['totp'] });
      expect((await erin.get('/api/me')).statusCode).toBe(401);
      expect((await dana.get('/api/me')).statusCode).toBe(200);
      expect(await statusOf('erin')).toMatchObject({ method: 'totp', twoFactorStatus: 'Pending' });
      expect((await updatesOf('erin'))[0]).toMatchObject({ method: { from: 'email', to: 'totp' } });
      // Allowed again, e-mail is a new factor: the address is confirmed again at the next sign-in.
      await admin.patch('/api/admin/settings', { methods: ['totp', 'email'] });
      expect(await statusOf('erin')).toMatchObject({ method: 'email', twoFactorStatus: 'Pending' });
      expect(await updatesOf('dana')).toEqual([]);
    });

    it('ends nothing when the allowed methods are saved unchanged or only reordered without effect', async () => {
      const dana = await signedIn('dana');
      await admin.patch('/api/admin/settings', { methods: ['totp', 'email'], organisationName: 'Acme' });
      await admin.patch('/api/admin/settings', { methods: ['email', 'totp'] });
      expect((await dana.get('/api/me')).statusCode).toBe(200);
      expect(await updatesOf('dana')).toEqual([]);
    });
  },
);
