import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../src/users-csv/index.ts';
import {
  addUser,
  type Client,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

describe.each(databaseKinds())('users CSV on %s', (kind) => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await createTestApp(kind);
    admin = await signInAdmin(t);
    await addUser(t, 'ana', { group: 'Agent' });
    await addUser(t, 'ben', { group: 'Analyst', twoFactorEnabled: true });
  });
  afterEach(async () => {
    await t.close();
  });

  const importCsv = (csv: string, dryRun = false) => admin.post('/api/admin/users/import', { csv, dryRun });
  const snapshot = async () =>
    JSON.stringify(await t.ctx.db.selectFrom('users').selectAll().orderBy('id').execute());

  it('exports every user with "2FA Enabled" as y or n, then the read-only 2FA status', async () => {
    const answer = await admin.get('/api/admin/users/export');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/csv');
    expect(answer.headers['content-disposition']).toContain('users.csv');
    const lines = answer.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(`${HEADER},2FA Status`);
    expect(lines).toContain('ana,ana@example.test,ana,Agent,local,n,Disabled');
    await enableSystemTwoFactor(t);
    const after = (await admin.get('/api/admin/users/export')).body;
    expect(after).toContain('ben,ben@example.test,ben,Analyst,local,y,Pending\r\n');
  });

  it('accepts a file with the 2FA Status column and ignores what it says: the status follows from the switches', async () => {
    const before = await snapshot();
    const csv = `${HEADER},2FA Status\r\nana,ana@example.test,ana,Agent,local,n,Activated\r\nben,ben@example.test,ben,Analyst,local,y,not a status\r\n`;
    const answer = await importCsv(csv);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json()).toMatchObject({ applied: true, created: 0, updated: 0, ignoredColumns: [] });
    expect(await snapshot()).toBe(before);
    const bad = await importCsv(
      `${HEADER},2FA Status\r\nana,ana@example.test,ana,Agent,local,maybe,Activated\r\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('2FA Enabled');
  });

  it('imports its own export unchanged, changing nothing', async () => {
    const before = await snapshot();
    const csv = (await admin.get('/api/admin/users/export')).body;
    const answer = await importCsv(csv);
    expect(answer.json()).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot()).toBe(before);
  });

  it('previews a dry run without changing anything, then applies the same file', async () => {
    await enableSystemTwoFactor(t);
    const csv = `\uFEFF${HEADER}\r\nana,ana@example.test,"Ana, from CSV",Agent,local,y\r\ncara,cara@example.test,Cara,Supervisor,sso,n\r\n`;
    const before = await snapshot();
    const preview = await importCsv(csv, true);
    expect(preview.json()).toMatchObject({
      applied: false,
      created: 1,
      updated: 1,
      creates: [{ row: 3, username: 'cara', group: 'Supervisor', source: 'sso', twoFactorEnabled: false }],
      updates: [
        {
          row: 2,
          username: 'ana',
          changes: [
            { field: 'displayName', from: 'ana', to: 'Ana, from CSV' },
            { field: 'twoFactorEnabled', from: false, to: true },
          ],
        },
      ],
    });
    expect(await snapshot()).toBe(before);
    const applied = await importCsv(csv);
    expect(applied.json()).toMatchObject({ applied: true, created: 1, updated: 1 });
    const users = (await admin.get('/api/admin/users')).json().items as Array<Record<string, unknown>>;
    // The import turned ana's switch on: she is Pending and is asked to set up at her next sign-in.
    expect(users.find((u) => u.username === 'ana')).toMatchObject({
      displayName: 'Ana, from CSV',
      twoFactorStatus: 'Pending',
    });
    expect(users.find((u) => u.username === 'cara')).toMatchObject({
      source: 'sso',
      twoFactorStatus: 'Disabled',
    });
    const audit = (await admin.get('/api/admin/audit?event=users.imported')).json();
    expect(audit.items[0]).toMatchObject({
      actor: 'admin',
      detail: { created: 1, updated: 1, unchanged: 0 },
    });
  });

  it('rejects a file with bad rows, listing each row and reason, and changes nothing', async () => {
    const before = await snapshot();
    const csv = [
      HEADER,
      'ana,ana@example.test,Ana,Agent,local,y',
      'dave,not-an-address,Dave,Agent,local,n',
      'erin,erin@example.test,Erin,Nowhere,local,n',
      'fred,fred@example.test,Fred,Agent,local,maybe',
      'ANA,ana@example.test,Ana again,Agent,local,n',
    ].join('\n');
    const answer = await importCsv(csv);
    expect(answer.statusCode).toBe(400);
    const { error } = answer.json();
    expect(error.code).toBe('invalid_csv');
    expect(error.message).toContain('nothing was imported');
    expect(error.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'email'],
      [4, 'group'],
      [5, 'twoFactorEnabled'],
      [6, 'username'],
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('rejects malformed CSV with the row where it breaks', async () => {
    const answer = await importCsv(`${HEADER}\nana,"unclosed,Ana,Agent,local,y\n`);
    expect(answer.json().error.code).toBe('invalid_csv');
    expect(answer.json().error.errors[0].row).toBeGreaterThanOrEqual(2);
  });

  it('turning 2FA off by import deletes the credential, like the Edit user page', async () => {
    await enableSystemTwoFactor(t);
    await enroll(t, 'ben');
    const csv = `${HEADER}\nben,ben@example.test,ben,Analyst,local,n\nben2,,Ben Two,Analyst,local,y\n`;
    expect((await importCsv(csv)).json()).toMatchObject({ created: 1, updated: 1 });
    const credentials = await t.ctx.db.selectFrom('credentials').selectAll().execute();
    expect(credentials).toHaveLength(0);
  });

  it('imports 10,000 new users in one request', async () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `user${i},user${i}@example.test,User ${i},Agent,local,${i % 2 ? 'y' : 'n'}`,
    );
    const answer = await importCsv(`${HEADER}\r\n${rows.join('\r\n')}\r\n`);
    expect(answer.json()).toMatchObject({ applied: true, created: 10_000 });
    const count = await t.ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10_003);
  });

  it('refuses a file over 8 MiB with 413 file_too_large naming the limit, and changes nothing', async () => {
    const before = await snapshot();
    const row = `ana,ana@example.test,${'A'.repeat(1000)},Agent,local,y\r\n`;
    const over = `${HEADER}\r\n${row.repeat(Math.ceil(MAX_IMPORT_BYTES / row.length))}`;
    const answer = await importCsv(over);
    expect(answer.statusCode).toBe(413);
    expect(answer.json().error).toEqual({
      code: 'file_too_large',
      message: 'The file is larger than 8 MiB, the most one import takes; split it into smaller files.',
    });
    expect(await snapshot()).toBe(before);
  });

  it('refuses a request body far over the limit before reading it, with the same answer', async () => {
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/admin/users/import',
      headers: {
        cookie: `sid=${admin.cookie}`,
        'x-csrf-token': admin.csrf as string,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ csv: 'x'.repeat(2 * MAX_IMPORT_BYTES) }),
    });
    expect(answer.statusCode).toBe(413);
    expect(answer.json().error.code).toBe('file_too_large');
    expect(answer.json().error.message).toContain('8 MiB');
  });

  it(`refuses a file of more than ${MAX_IMPORT_ROWS} rows with 413 too_many_rows naming the cap`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `u${i},,U,Agent,local,n`);
    const answer = await importCsv(`${HEADER}\n${rows.join('\n')}\n`, true);
    expect(answer.statusCode).toBe(413);
    expect(answer.json().error).toEqual({
      code: 'too_many_rows',
      message: 'The file has more than 50,000 rows, the most one import takes; split it into smaller files.',
    });
  });

  it('keeps the import and export for admins only', async () => {
    await addUser(t, 'agent', { group: 'Agent' });
    const { Client } = await import('../test-support/test-app.ts');
    const client = new Client(t.app);
    await client.post('/api/auth/login', { username: 'agent', password: 'correct horse battery' });
    expect((await client.get('/api/admin/users/export')).statusCode).toBe(403);
    expect((await client.post('/api/admin/users/import', { csv: HEADER })).statusCode).toBe(403);
  });
});
