import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  addUser,
  Client,
  codeFor,
  createTestApp,
  enroll,
  PASSWORD,
  signInAdmin,
  type TestApp,
  wrongCode,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const DAY = 24 * 60 * 60_000;

describe.each(databaseKinds())('grace period on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  let graceEnd: number;
  beforeEach(async () => {
    t = await createTestApp(kind);
    graceEnd = t.clock.now() + 60 * DAY;
    admin = await signInAdmin(t);
    await addUser(t, 'lena', { twoFactorEnabled: false });
    await addUser(t, 'sam', { source: 'sso' });
  });
  afterEach(async () => {
    await t.close();
  });

  /**
   * Moves the clock to `time` with an admin session opened an hour before the grace end (after it,
   * the admin too must set up 2FA at the next sign-in; a full session lasts 8 hours).
   */
  async function at(time: number) {
    t.clock.time = Math.min(time, graceEnd) - 60 * 60_000;
    admin = await signInAdmin(t);
    t.clock.time = time;
  }

  const login = (username: string, password = PASSWORD) =>
    new Client(t.app).post('/api/auth/login', { username, password });

  it('shows the grace end 60 days after the organisation was created, with the days left', async () => {
    const settings = (await admin.get('/api/admin/settings')).json();
    expect(settings).toMatchObject({
      twoFactorEnabled: false,
      twoFactorLocked: false,
      mandatory: false,
      graceDaysLeft: 60,
      graceEndsAt: new Date(graceEnd).toISOString(),
      organisationCreatedAt: new Date(graceEnd - 60 * DAY).toISOString(),
    });
  });

  it('lists a user who became Pending when the grace period ended as Pending since the first look after it', async () => {
    const lena = async () =>
      (await admin.get('/api/admin/users?query=lena'))
        .json()
        .items.find((u: { username: string }) => u.username === 'lena');
    await at(graceEnd - 1);
    expect(await lena()).toMatchObject({ twoFactorStatus: 'Disabled', pendingSince: null });
    expect(await lena()).toMatchObject({ twoFactorStatus: 'Disabled', pendingSince: null });
    // Time alone moves her status and the admin's (SSO users are exempt): no write happened in between.
    t.clock.time = graceEnd + 1;
    const summary = (await admin.get('/api/admin/users/summary?pendingDays=0')).json();
    expect(summary.byStatus).toMatchObject({ Pending: 2, Disabled: 1 });
    expect(await lena()).toMatchObject({
      twoFactorStatus: 'Pending',
      pendingSince: new Date(graceEnd + 1).toISOString(),
    });
  });

  it('follows the switches until 1 ms before the grace end, then asks every local user for 2FA', async () => {
    await at(graceEnd - 1);
    expect((await login('lena')).json().step).toBe('signed-in');
    expect((await admin.get('/api/admin/settings')).json()).toMatchObject({
      mandatory: false,
      graceDaysLeft: 1,
    });
    t.clock.time = graceEnd;
    expect((await login('lena')).json().step).toBe('setup');
    const adminLogin = await login('admin', ADMIN_PASSWORD);
    expect(adminLogin.json(), adminLogin.body).toMatchObject({ step: 'setup' });
    const settings = (await admin.get('/api/admin/settings')).json();
    expect(settings).toMatchObject({
      twoFactorEnabled: true,
      twoFactorLocked: true,
      mandatory: true,
      graceDaysLeft: 0,
    });
    const users = (await admin.get('/api/admin/users')).json().items as Array<Record<string, unknown>>;
    expect(users.find((u) => u.username === 'lena')?.twoFactorStatus).toBe('Pending');
  });

  it('never asks SSO users for a code, before or after the grace end, and never takes a password from them', async () => {
    const samStatus = async () => {
      const users = (await admin.get('/api/admin/users')).json().items as Array<Record<string, unknown>>;
      return users.find((u) => u.username === 'sam')?.twoFactorStatus;
    };
    expect(await samStatus()).toBe('Disabled');
    expect((await login('sam')).json().error.code).toBe('single_sign_on_only');
    await at(graceEnd + 60 * 60_000);
    expect(await samStatus()).toBe('Disabled');
    expect((await login('sam')).json().error.code).toBe('single_sign_on_only');
  });

  it('checks the codes of a user who set up 2FA because it became mandatory, through the verify API', async () => {
    const key = (await admin.post('/api/admin/api-keys', { name: 'Help desk' })).json().key as string;
    await at(graceEnd);
    const secret = await enroll(t, 'lena');
    t.clock.time += 30_000;
    const verify = (code: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { authorization: `Bearer ${key}` },
        payload: { username: 'lena', code },
      });
    expect((await verify(codeFor(secret, t.clock.now()))).json()).toEqual({ ok: true });
    expect((await verify(wrongCode(secret, t.clock.now()))).json()).toEqual({
      ok: false,
      reason: 'invalid_code',
    });
  });

  it('refuses to turn the system switch off once 2FA is mandatory', async () => {
    expect((await admin.patch('/api/admin/settings', { twoFactorEnabled: false })).statusCode).toBe(200);
    await at(graceEnd);
    const refused = await admin.patch('/api/admin/settings', { twoFactorEnabled: false });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('two_factor_mandatory');
  });

  it('lets an admin extend the grace end, audited, but only to a later date in the future', async () => {
    await at(graceEnd + 60 * 60_000);
    const extendTo = new Date(graceEnd + 30 * DAY).toISOString().slice(0, 10);
    const extended = await admin.post('/api/admin/settings/grace', { graceEndsAt: extendTo });
    expect(extended.json()).toMatchObject({
      mandatory: false,
      graceExtended: true,
      graceEndsAt: `${extendTo}T00:00:00.000Z`,
    });
    expect((await login('lena')).json().step).toBe('signed-in');
    const audit = (await admin.get('/api/admin/audit?event=settings.grace_extended')).json().items[0];
    expect(audit).toMatchObject({
      actor: 'admin',
      detail: { from: new Date(graceEnd).toISOString(), to: `${extendTo}T00:00:00.000Z` },
    });
    const past = await admin.post('/api/admin/settings/grace', { graceEndsAt: '2020-01-01' });
    expect(past.json().error.code).toBe('grace_end_not_in_future');
    const earlier = new Date(graceEnd + 10 * DAY).toISOString().slice(0, 10);
    expect((await admin.post('/api/admin/settings/grace', { graceEndsAt: earlier })).json().error.code).toBe(
      'grace_end_not_later',
    );
    const malformed = await admin.post('/api/admin/settings/grace', { graceEndsAt: '2026-02-30' });
    expect(malformed.json().error).toMatchObject({ code: 'invalid_request' });
    expect(malformed.json().error.message).toContain('not a calendar date');
  });
});
