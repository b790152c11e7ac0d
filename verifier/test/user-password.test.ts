import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, type Client, createTestApp, signInAdmin, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

describe.each(databaseKinds())('the user view says whether a password is set on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('should say a user imported from CSV has no password yet, and one given a password has one', async () => {
    const lena = await addUser(t, 'lena');
    const imported = await admin.post('/api/admin/users/import', {
      csv: `${HEADER}\nana,ana@example.test,Ana,Agent,local,n\n`,
      dryRun: false,
    });
    expect(imported.statusCode).toBe(200);
    const list = await admin.get('/api/admin/users');
    const items = list.json().items as { id: number; username: string; hasPassword: boolean }[];
    const ana = items.find((item) => item.username === 'ana');
    expect(ana?.hasPassword).toBe(false);
    expect(items.find((item) => item.id === lena)?.hasPassword).toBe(true);
    expect(list.body).not.toMatch(/hash|argon2/i);

    const one = await admin.get(`/api/admin/users/${ana?.id}`);
    expect(one.json().hasPassword).toBe(false);
    expect(one.body).not.toMatch(/hash|argon2/i);
    await admin.patch(`/api/admin/users/${ana?.id}`, { password: 'ana chose a long password' });
    expect((await admin.get(`/api/admin/users/${ana?.id}`)).json().hasPassword).toBe(true);
  });
});
