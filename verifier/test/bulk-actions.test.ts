import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserView } from '../src/accounts/users.ts';
import { settleNotices } from '../src/security-mail/send-security-notice.ts';
import { type GeneratedUser, insertManyUsers } from '../test-support/many-users.ts';
import { type TestSmtpServer, useSmtpServer } from '../test-support/smtp.ts';
import {
  type Client,
  createTestApp,
  enableSystemTwoFactor,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const USERS = 1_000;

describe.each(databaseKinds())('bulk actions on 1,000 users on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let smtp: TestSmtpServer;
  let users: Array<GeneratedUser & { id: number }>;
  const mail = useSmtpServer();

  beforeEach(async () => {
    smtp = mail.server;
    t = await createTestApp(kind, { mailer: mail.mailer() });
    await enableSystemTwoFactor(t);
    users = await insertManyUsers(t.ctx.db, USERS, t.clock.now());
    admin = await signInAdmin(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const bulk = (body: unknown) => admin.post('/api/admin/users/bulk', body);
  const listed = async (params: string): Promise<{ total: number; items: UserView[] }> =>
    (await admin.get(`/api/admin/users?${params}&pageSize=100`)).json();
  const audited = async (event: string) =>
    (
      await t.ctx.db.selectFrom('audit_log').select(['target', 'detail']).where('event', '=', event).execute()
    ).filter((e) => e.detail?.includes('"via":"bulk"'));
  const credentials = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('credentials')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('resets the ticked users, skipping SSO users and saying so in the summary', async () => {
    const withFactor = users.filter((u) => u.hasCredential && u.source === 'local').slice(0, 12);
    const sso = users.filter((u) => u.source === 'sso').slice(0, 2);
    const before = await credentials();
    const answer = await bulk({ action: 'reset-two-factor', ids: [...withFactor, ...sso].map((u) => u.id) });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().summary).toBe('Reset 12 users; 2 skipped: SSO users are exempt.');
    expect(answer.json().done).toEqual(withFactor.map((u) => u.username).sort());
    expect(await credentials()).toBe(before - 12);
    const again = await listed(`query=${withFactor[0]?.username}`);
    expect(again.items[0]).toMatchObject({
      twoFactorStatus: 'Pending',
      pendingSince: new Date(t.clock.now()).toISOString(),
    });
    expect((await audited('user.two_factor_reset')).map((e) => e.target).sort()).toEqual(answer.json().done);
    // Each reset user with an address is told by e-mail, as after a single reset; the SSO users are not.
    await settleNotices(t.ctx.mailer);
    const told = smtp.received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort();
    expect(told).toEqual(
      withFactor
        .filter((u) => u.email !== '')
        .map((u) => u.email)
        .sort(),
    );
    expect(new Set(smtp.received.map((m) => m.subject)).size).toBe(1);
  });

  it('resets every user matching the filter, not only the page shown', async () => {
    const activated = await listed('status=Activated');
    expect(activated.total).toBeGreaterThan(100);
    const before = await credentials();
    const answer = await bulk({ action: 'reset-two-factor', filter: { status: 'Activated' } });
    expect(answer.json().summary).toBe(`Reset ${activated.total} users.`);
    expect((await listed('status=Activated')).total).toBe(0);
    expect(await credentials()).toBe(before - activated.total);
    expect(await audited('user.two_factor_reset')).toHaveLength(activated.total);
  });

  it('enables 2FA for every local user it is off for; they become Pending from now', async () => {
    const off = await listed('status=Disabled&source=local');
    expect(off.total).toBeGreaterThan(100);
    const answer = await bulk({ action: 'enable-two-factor', filter: { status: 'Disabled' } });
    const sso = users.filter((u) => u.source === 'sso').length;
    expect(answer.json().summary).toBe(
      `Enabled 2FA for ${off.total} users; ${sso} skipped: SSO users are exempt.`,
    );
    expect((await listed('status=Disabled&source=local')).total).toBe(0);
    const pendingLong = await listed('pendingDays=0');
    expect(pendingLong.total).toBe(0);
    expect(await audited('user.updated')).toHaveLength(off.total);
  });

  it('e-mails a reminder to each selected Pending user with an address, and only to them', async () => {
    const pending = (await listed('status=Pending&sort=username')).items.filter(
      (u) => u.username !== 'admin',
    );
    const chosen = [...pending.slice(0, 15), ...users.filter((u) => u.hasCredential).slice(0, 3)];
    const expected = pending.slice(0, 15).filter((u) => u.email !== '');
    const answer = await bulk({ action: 'remind', ids: chosen.map((u) => u.id) });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().done).toEqual(expected.map((u) => u.username));
    expect(smtp.received.map((m) => (m.to && 'text' in m.to ? m.to.text : '')).sort()).toEqual(
      expected.map((u) => u.email).sort(),
    );
    expect(smtp.received[0]?.subject).toBe('Reminder: set up two-factor authentication for Verifier');
    expect(smtp.received[0]?.text).toContain('https://2fa.example.test');
    expect(answer.json().skipped.map((s: { code: string }) => s.code)).toContain('not_pending');
    const reminded = await t.ctx.db
      .selectFrom('audit_log')
      .select('target')
      .where('event', '=', 'reminder.sent')
      .execute();
    expect(reminded.map((e) => e.target)).toEqual(expected.map((u) => u.username));
  });

  it('invites the selected users without a password, through the invitation rules', async () => {
    const invitees = users.filter((u) => !u.hasPassword && u.source === 'local').slice(0, 10);
    const withPassword = users.filter((u) => u.hasPassword && u.source === 'local').slice(0, 2);
    const answer = await bulk({ action: 'invite', ids: [...invitees, ...withPassword].map((u) => u.id) });
    const reachable = invitees.filter((u) => u.email !== '');
    expect(answer.json().done).toEqual(reachable.map((u) => u.username));
    expect(smtp.received).toHaveLength(reachable.length);
    expect(answer.json().skipped.filter((s: { code: string }) => s.code === 'has_password')).toHaveLength(2);
  });

  it.each([
    ['no selection', { action: 'reset-two-factor' }],
    ['both ids and a filter', { action: 'reset-two-factor', ids: [2], filter: {} }],
    ['an empty selection', { action: 'reset-two-factor', ids: [] }],
    ['the same user twice', { action: 'reset-two-factor', ids: [2, 2] }],
    ['an action that does not exist', { action: 'delete', ids: [2] }],
    ['a filter with an unknown field', { action: 'reset-two-factor', filter: { role: 'admin' } }],
  ])('refuses %s with 400 and changes nothing', async (_name, body) => {
    const before = await credentials();
    const answer = await bulk(body);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.code).toBe('invalid_request');
    expect(await credentials()).toBe(before);
  });
});
