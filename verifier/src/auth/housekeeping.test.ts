import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { databaseKinds } from '../../test-support/test-database.ts';
import { purgeExpired } from './housekeeping.ts';
import { createSession } from './sessions.ts';

describe.each(databaseKinds())('expiry on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('purges expired sessions and keeps live ones', async () => {
    const now = t.clock.now();
    await createSession(t.ctx.db, 1, 'code', now - 10 * 60_000);
    await createSession(t.ctx.db, 1, 'full', now);
    await purgeExpired(t.ctx.db, now);
    const left = await t.ctx.db.selectFrom('sessions').select('scope').execute();
    expect(left).toEqual([{ scope: 'full' }]);
  });
});
