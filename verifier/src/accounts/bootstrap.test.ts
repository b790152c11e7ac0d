import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../test-support/test-database.ts';
import { verifyPassword } from '../crypto/passwords.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import { readSettings } from '../settings/settings.ts';
import { bootstrap } from './bootstrap.ts';

describe.each(databaseKinds())('first start on %s', (kind) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeEach(async () => {
    database = await createTestDatabase(kind);
    handle = await database.open();
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  it('creates 2FA-off settings, the default groups and an admin who must change a one-time password', async () => {
    const result = await bootstrap(handle.db, 1_000);
    expect(result.createdAdmin).toBe(true);
    expect(result.generatedAdminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await readSettings(handle.db)).toMatchObject({ twoFactorEnabled: false, verificationWindow: 1 });
    const groups = await handle.db
      .selectFrom('groups')
      .select(['name', 'is_default'])
      .orderBy('id')
      .execute();
    expect(groups).toEqual(
      ['Admin', 'Agent', 'Analyst', 'Supervisor'].map((name) => ({ name, is_default: 1 })),
    );
    const admin = await handle.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(admin.must_change_password).toBe(1);
    expect(await verifyPassword(admin.password_hash, result.generatedAdminPassword as string)).toBe(true);
    expect(admin.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('changes nothing on later starts', async () => {
    await bootstrap(handle.db, 1_000, 'the chosen admin password');
    const again = await bootstrap(handle.db, 2_000);
    expect(again).toEqual({ createdAdmin: false });
    expect(await handle.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
  });

  it('shows a generated password from only one of two processes starting together', async () => {
    const other = await database.open();
    try {
      const results = await Promise.all([bootstrap(handle.db, 1_000), bootstrap(other.db, 1_000)]);
      expect(results.filter((r) => r.generatedAdminPassword !== undefined)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
