import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../src/settings/settings.ts';
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

const MIGRATION = '0008_email_confirmation';

describe.each(databaseKinds())(`migration ${MIGRATION} on %s`, (kind) => {
  let t: TestApp;
  let key: string;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await enableSystemTwoFactor(t);
    await updateSettings(t.ctx.db, { methods: ['totp', 'email'] }, { at: t.clock.now(), actor: 'test' });
    key = (await (await signInAdmin(t)).post('/api/admin/api-keys', { name: 'CRM' })).json().key;
  });
  afterEach(async () => {
    await t.close();
  });

  /**
   * Puts the database back where 0007 left it (undoing what each later migration adds; 0010's functions
   * are created or replaced), then migrates it again, as an upgrade from the 0007 release does.
   */
  async function upgradeFrom0007(before: () => Promise<void>) {
    await sql`alter table users drop column email_confirmed`.execute(t.ctx.db);
    await sql`drop table invitations`.execute(t.ctx.db);
    await sql`alter table sessions drop column second_factor_at`.execute(t.ctx.db);
    await sql`drop table remembered_devices`.execute(t.ctx.db);
    await sql`alter table settings drop column remember_device_days`.execute(t.ctx.db);
    for (const table of ['oidc_models', 'oidc_signing_keys', 'oidc_clients']) {
      await sql`drop table ${sql.table(table)}`.execute(t.ctx.db);
    }
    await sql`drop table recovery_codes`.execute(t.ctx.db);
    await sql`drop table security_mail_settings`.execute(t.ctx.db);
    await sql`drop index users_pending_since`.execute(t.ctx.db);
    await sql`alter table users drop column pending_since`.execute(t.ctx.db);
    await sql`delete from kysely_migration where name > ${'0007_template_html_from_text'}`.execute(t.ctx.db);
    await before();
    const upgraded = await t.database.open();
    await upgraded.close();
  }

  const statusOf = async (username: string) => {
    const admin = await signInAdmin(t);
    const list = (await admin.get(`/api/admin/users?query=${username}`)).json();
    return list.items.find((u: { username: string }) => u.username === username)?.twoFactorStatus;
  };

  /** An e-mailed sign-in as the audit log of an earlier release recorded it. */
  const auditedEmailSignIn = async (username: string, address: string, at: number) => {
    const entries = [
      { event: 'sign_in.code_sent', detail: { address, mode: 'issue' }, at },
      { event: 'sign_in.code_ok', detail: { method: 'email' }, at: at + 1000 },
    ];
    for (const entry of entries) {
      await t.ctx.db
        .insertInto('audit_log')
        .values({
          at: entry.at,
          actor: username,
          event: entry.event,
          target: username,
          ip: '127.0.0.1',
          detail: JSON.stringify(entry.detail),
        })
        .execute();
    }
  };

  it('keeps e-mail users Activated whose address the audit log shows a code reached, and asks the rest', async () => {
    await addUser(t, 'erin', { twoFactorEnabled: true, method: 'email' });
    await addUser(t, 'fay', { twoFactorEnabled: true, method: 'email' });
    await addUser(t, 'gus', { twoFactorEnabled: true, method: 'email', email: 'gus.new@example.test' });
    await upgradeFrom0007(async () => {
      await auditedEmailSignIn('erin', 'erin@example.test', t.clock.now() - 5000);
      // Gus signed in with his old address; the admin has changed it since.
      await auditedEmailSignIn('gus', 'gus@example.test', t.clock.now() - 5000);
    });
    expect(await statusOf('erin')).toBe('Activated');
    expect(await statusOf('fay')).toBe('Pending');
    expect(await statusOf('gus')).toBe('Pending');
  });

  it('deletes the authenticator left behind by a switch to e-mail, so its codes work nowhere', async () => {
    await addUser(t, 'hal', { twoFactorEnabled: true });
    const secret = await enroll(t, 'hal');
    await addUser(t, 'ivy', { twoFactorEnabled: true });
    const ivySecret = await enroll(t, 'ivy');
    t.clock.advance(30_000);
    await upgradeFrom0007(async () => {
      // Before the fix, a switch to e-mail kept the credential.
      await t.ctx.db.updateTable('users').set({ method: 'email' }).where('username', '=', 'hal').execute();
    });
    const credentials = await t.ctx.db
      .selectFrom('credentials')
      .innerJoin('users', 'users.id', 'credentials.user_id')
      .select('users.username')
      .execute();
    expect(credentials.map((c) => c.username)).toEqual(['ivy']);
    // With e-mail later disallowed, Hal falls back to the authenticator: he must set it up anew.
    await updateSettings(t.ctx.db, { methods: ['totp'] }, { at: t.clock.now(), actor: 'test' });
    const verify = (username: string, code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${key}` },
        payload: { username, code },
      });
    expect((await verify('hal', codeFor(secret, t.clock.now()))).json()).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
    expect((await verify('ivy', codeFor(ivySecret, t.clock.now()))).json()).toEqual({ ok: true });
    const login = await new Client(t.app).post('/api/auth/login', { username: 'hal', password: PASSWORD });
    expect(login.json().step).toBe('setup');
  });
});
