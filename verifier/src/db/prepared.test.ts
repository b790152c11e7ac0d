import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { databaseKinds } from '../../test-support/test-database.ts';
import { preparedQuery } from './prepared.ts';

const groupsNamed = preparedQuery(
  (db, first: string, second: string) =>
    db
      .selectFrom('groups')
      .select('name')
      .where('name', 'in', [first, second])
      .where('is_default', '=', 1)
      .orderBy('name'),
  2,
);

describe.each(databaseKinds())('prepared queries on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('runs the same compiled query with each call’s own arguments, keeping fixed values', async () => {
    expect((await groupsNamed(t.ctx.db, 'Agent', 'Admin')).rows).toEqual([
      { name: 'Admin' },
      { name: 'Agent' },
    ]);
    expect((await groupsNamed(t.ctx.db, 'Supervisor', 'Nobody')).rows).toEqual([{ name: 'Supervisor' }]);
  });

  it('works inside a transaction', async () => {
    const rows = await t.ctx.db
      .transaction()
      .execute(async (trx) => (await groupsNamed(trx, 'Analyst', 'x')).rows);
    expect(rows).toEqual([{ name: 'Analyst' }]);
  });
});
