import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, signInAdmin, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const DAY = 24 * 60 * 60_000;

describe.each(databaseKinds())('the user view says why on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const view = async (id: number) => (await admin.get(`/api/admin/users/${id}`)).json();

  it('should name the system switch, the user switch and SSO as the reason for Disabled', async () => {
    const lena = await addUser(t, 'lena', { twoFactorEnabled: true });
    const sam = await addUser(t, 'sam', { source: 'sso', twoFactorEnabled: true });
    expect(await view(lena)).toMatchObject({ twoFactorStatus: 'Disabled', twoFactorReason: 'system-off' });
    await admin.patch('/api/admin/settings', { twoFactorEnabled: true });
    expect(await view(lena)).toMatchObject({ twoFactorStatus: 'Pending', twoFactorReason: 'user-on' });
    await admin.patch(`/api/admin/users/${lena}`, { twoFactorEnabled: false });
    expect(await view(lena)).toMatchObject({ twoFactorStatus: 'Disabled', twoFactorReason: 'user-off' });
    expect(await view(sam)).toMatchObject({ twoFactorStatus: 'Disabled', twoFactorReason: 'sso' });
  });

  it('should name the grace period for a user whose switch is off once it has ended', async () => {
    const lena = await addUser(t, 'lena', { twoFactorEnabled: false });
    // The admin signs in just before the end: after it, the admin too would have to set up 2FA first.
    const graceEnd = t.clock.now() + 60 * DAY;
    t.clock.time = graceEnd - 60 * 60_000;
    admin = await signInAdmin(t);
    t.clock.time = graceEnd + 1;
    const items = (await admin.get('/api/admin/users')).json().items as { id: number }[];
    const listed = items.find((item) => item.id === lena);
    expect(listed).toMatchObject({
      id: lena,
      twoFactorStatus: 'Pending',
      twoFactorReason: 'grace-period-ended',
    });
  });
});
