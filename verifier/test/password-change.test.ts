import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, Client, createTestApp, PASSWORD, type TestApp } from '../test-support/test-app.ts';
import { type DatabaseKind, databaseKinds } from '../test-support/test-database.ts';

// Changing one's own password ends every other session, and lands whole or not at all: a database
// fault half-way must leave the old password working and no session ended.

const NEW_PASSWORD = 'a new password for lena';

async function signIn(t: TestApp, password = PASSWORD): Promise<Client> {
  const client = new Client(t.app);
  const login = await client.post('/api/auth/login', { username: 'lena', password });
  if (login.json().step !== 'signed-in') throw new Error(`sign-in failed: ${login.body}`);
  return client;
}

/** Makes the database refuse to end sessions, as a lost connection would after the first writes. */
async function refuseSessionEnds(t: TestApp, kind: DatabaseKind): Promise<void> {
  if (kind === 'sqlite') {
    await sql
      .raw("CREATE TRIGGER refuse_end BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'refused'); END")
      .execute(t.ctx.db);
    return;
  }
  await sql
    .raw(
      "CREATE FUNCTION refuse_end() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
    )
    .execute(t.ctx.db);
  await sql
    .raw('CREATE TRIGGER refuse_end BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_end()')
    .execute(t.ctx.db);
}

describe.each(databaseKinds())('changing the password on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
    await addUser(t, 'lena');
  });
  afterEach(async () => {
    await t.close();
  });

  it('ends the other sessions and keeps this one', async () => {
    const laptop = await signIn(t);
    const phone = await signIn(t);
    const changed = await laptop.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
    expect((await laptop.get('/api/me')).statusCode).toBe(200);
    expect((await phone.get('/api/me')).statusCode).toBe(401);
    await signIn(t, NEW_PASSWORD);
  });

  it('changes nothing when the database fails half-way', async () => {
    const laptop = await signIn(t);
    const phone = await signIn(t);
    await refuseSessionEnds(t, kind);
    const failed = await laptop.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(failed.statusCode).toBeGreaterThanOrEqual(500);
    // The old password still signs in, the new one does not, and no audit entry says it changed.
    await signIn(t, PASSWORD);
    await expect(signIn(t, NEW_PASSWORD)).rejects.toThrow(/sign-in failed/);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('event')
      .where('event', '=', 'password.changed')
      .execute();
    expect(audit).toEqual([]);
    expect((await phone.get('/api/me')).statusCode).toBe(200);
  });

  it('refuses the current password as the new one, so a password an admin set to be changed cannot be kept', async () => {
    await t.ctx.db
      .updateTable('users')
      .set({ must_change_password: 1 })
      .where('username', '=', 'lena')
      .execute();
    const client = new Client(t.app);
    const login = await client.post('/api/auth/login', { username: 'lena', password: PASSWORD });
    expect(login.json().step).toBe('change-password');
    const kept = await client.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    });
    expect(kept.statusCode).toBe(400);
    expect(kept.json().error).toMatchObject({
      code: 'same_password',
      message: 'Choose a password different from the current one.',
    });
    // Nothing changed: the next sign-in still asks for a new password.
    const again = await new Client(t.app).post('/api/auth/login', { username: 'lena', password: PASSWORD });
    expect(again.json().step).toBe('change-password');
    const changed = await client.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
  });
});
