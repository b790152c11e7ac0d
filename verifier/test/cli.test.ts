import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { findUserByName } from '../src/accounts/users.ts';
import { rememberDevice } from '../src/auth/device-tokens.ts';
import { createSession } from '../src/auth/sessions.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { prepareRuntime } from '../src/setup.ts';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'verifier-cli-'));
/** A second installation, to import into. */
const otherDataDir = mkdtempSync(join(tmpdir(), 'verifier-cli-'));

/** Runs the command line as an admin would, on a private data folder unless `env` names another. */
async function verifierWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'verifier/src/cli/main.ts', ...args],
      {
        env: {
          ...process.env,
          VERIFIER_DATA_DIR: dataDir,
          DATABASE_URL: '',
          VERIFIER_MASTER_KEY: '',
          VERIFIER_MASTER_KEY_FILE: '',
          ...env,
        },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const verifier = (...args: string[]) => verifierWith({}, ...args);
const verifierIn = (dir: string, ...args: string[]) => verifierWith({ VERIFIER_DATA_DIR: dir }, ...args);

// Each test starts the command line several times as separate processes (a few seconds each on a
// busy 2-core machine), so a test gets minutes, not the default 30 s.
describe('command line', { timeout: 240_000 }, () => {
  const dirs = [dataDir, otherDataDir];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-cli-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, adds a user, refuses a duplicate, resets 2FA and issues a new admin password', async () => {
    expect((await verifier('migrate')).stdout).toContain('up to date');
    const added = await verifier('user', 'add', '--username', 'Bob', '--group', 'Agent', '--two-factor');
    expect(added.stdout).toContain('Created bob in Agent');
    const duplicate = await verifier('user', 'add', '--username', 'bob', '--group', 'Agent');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('The username bob is already taken.');
    expect((await verifier('user', 'reset-2fa', '--username', 'bob')).stdout).toContain(
      'Deleted the 2FA credential of bob',
    );
    const reset = await verifier('admin', 'reset-password');
    expect(reset.stdout).toMatch(/One-time password for admin: \S{20}/);
  });

  it('exports users, previews an import with --dry-run, refuses a bad file whole and applies a good one', async () => {
    await verifier('user', 'add', '--username', 'carol', '--group', 'Agent', '--email', 'carol@example.test');
    // E-mail is not an allowed method on a new install.
    const email = await verifier('user', 'add', '--username', 'eve', '--group', 'Agent', '--method', 'email');
    expect(email.stderr).toContain('The email method is not enabled in the system settings.');
    const exported = await verifier('user', 'export');
    expect(exported.stdout).toContain('Username,Email,Display Name,Group,Sign-in Source,2FA Enabled');
    expect(exported.stdout).toContain('carol,carol@example.test,carol,Agent,local,n');
    const file = join(dataDir, 'users.csv');
    const header = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';
    writeFileSync(
      file,
      `${header}\r\ncarol,carol@example.test,Carol,Agent,local,y\r\ndan,dan@example.test,Dan,Analyst,sso,n\r\n`,
    );
    const dry = await verifier('user', 'import', '--dry-run', file);
    expect(dry.stdout).toContain('+ row 3: dan');
    expect(dry.stdout).toContain(
      '~ row 2: carol: displayName carol -> Carol, twoFactorEnabled false -> true',
    );
    expect(dry.stdout).toContain('Dry run: 1 to create, 1 to update, 0 unchanged; nothing was changed.');
    expect((await verifier('user', 'export')).stdout).not.toContain('dan@example.test');
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, `${header}\nerin,erin@example.test,Erin,Agent,local,y\nfay,fay@,Fay,Nobody,local,n\n`);
    const refused = await verifier('user', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('was not imported; nothing changed');
    expect(refused.stderr).toContain('row 3 (email)');
    expect(refused.stderr).toContain('row 3 (group): There is no group named "Nobody".');
    expect((await verifier('user', 'export')).stdout).not.toContain('erin');
    const applied = await verifier('user', 'import', file);
    expect(applied.stdout).toContain('Imported: 1 to create, 1 to update, 0 unchanged.');
    expect((await verifier('user', 'export')).stdout).toContain('dan,dan@example.test,Dan,Analyst,sso,n');
  });

  it('refuses a file over 8 MiB before reading it', async () => {
    const large = join(dataDir, 'large.csv');
    writeFileSync(large, '');
    truncateSync(large, 9 * 1024 * 1024);
    const refused = await verifier('user', 'import', large);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'was not imported; nothing changed: The file is larger than 8 MiB, the most one import takes',
    );
  });

  it('makes users by the same username, e-mail and display-name rules, so the export re-imports unchanged', async () => {
    const spaced = await verifier('user', 'add', '--username', 'bob smith', '--group', 'Agent');
    expect(spaced.code).toBe(1);
    expect(spaced.stderr).toContain(
      '--username: The username "bob smith" may only contain letters, digits and . _ @ -',
    );
    const address = await verifier(
      'user',
      'add',
      '--username',
      'gil',
      '--group',
      'Agent',
      '--email',
      'gil@localhost',
    );
    expect(address.stderr).toContain('--email: "gil@localhost" is not a valid e-mail address.');
    const name = await verifier(
      'user',
      'add',
      '--username',
      'hal',
      '--group',
      'Agent',
      '--display-name',
      'Hal\u0085',
    );
    expect(name.stderr).toContain(
      '--display-name: The display name contains line breaks or invisible characters.',
    );
    const fine = await verifier(
      'user',
      'add',
      '--username',
      'Ivy.Moss',
      '--group',
      'Agent',
      '--email',
      'ivy@example.test',
      '--display-name',
      ' =Ivy "Moss", 😀 ',
    );
    expect(fine.code).toBe(0);
    const file = join(dataDir, 'again.csv');
    const exported = (await verifier('user', 'export')).stdout;
    writeFileSync(file, exported);
    expect((await verifier('user', 'import', '--dry-run', file)).stdout).toMatch(
      /Dry run: 0 to create, 0 to update, \d+ unchanged/,
    );
    // Another installation has only its admin: every other user is created, none refused.
    const users = exported.trimEnd().split('\r\n').length - 1;
    expect((await verifierIn(otherDataDir, 'user', 'import', '--dry-run', file)).stdout).toContain(
      `Dry run: ${users - 1} to create, 0 to update, 1 unchanged; nothing was changed.`,
    );
  });

  it('prints the control characters of a file escaped, so it cannot steer the terminal or forge lines', async () => {
    const file = join(dataDir, 'escapes.csv');
    const header = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';
    writeFileSync(
      file,
      `${header}\njo,,Jo,"\u001b]0;owned\u0007\u001b[2J",local,n\nkim,,Kim,Agent,local,"n\n  row 9: all fine\u009b31m\u202e"\n`,
    );
    const refused = await verifier('user', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/u);
    expect(refused.stderr).toContain('There is no group named "\\x1b]0;owned\\x07\\x1b[2J".');
    expect(refused.stderr).toContain('must be y or n, not "n\\n  row 9: all fine\\x9b31m\\u202e".');
    expect(refused.stderr.split('\n').filter((line) => line.startsWith('  row'))).toHaveLength(2);
    // A right-to-left override is allowed in a display name, and shown escaped in the preview.
    writeFileSync(file, `${header}\ncarol,carol@example.test,Carol \u202eloraC,Agent,local,y\n`);
    const preview = await verifier('user', 'import', '--dry-run', file);
    expect(preview.stdout).toContain('~ row 2: carol: displayName Carol -> Carol \\u202eloraC\n');
  });

  it('extends the grace period to a later date and refuses an earlier or malformed one', async () => {
    const extended = await verifier('settings', 'grace', '--extend-to', '2099-01-31');
    expect(extended.stdout).toContain('The grace period now ends 2099-01-31T00:00:00.000Z');
    const earlier = await verifier('settings', 'grace', '--extend-to', '2098-01-01');
    expect(earlier.code).toBe(1);
    expect(earlier.stderr).toContain('must be later than the current one');
    const malformed = await verifier('settings', 'grace', '--extend-to', 'next week');
    expect(malformed.stderr).toContain('is not a date');
    expect((await verifier('settings', 'grace')).stderr).toContain('settings grace needs --extend-to DATE.');
  });

  it('e-mails invitations to users without a password, saying where the outbox put each one', async () => {
    const dir = tempDir();
    const inDir = (env: NodeJS.ProcessEnv, ...args: string[]) =>
      verifierWith({ VERIFIER_DATA_DIR: dir, ...env }, ...args);
    const withUrl = { PUBLIC_URL: 'https://2fa.example.test/' };
    const people: Array<[string, string]> = [
      ['ivy', 'ivy@example.test'],
      ['noah', ''],
      ['olga', 'olga@example.test'],
    ];
    for (const [username, email] of people) {
      const extra = username === 'olga' ? ['--password', 'olga has a password'] : [];
      const added = await inDir(
        {},
        'user',
        'add',
        '--username',
        username,
        '--group',
        'Agent',
        '--email',
        email,
        ...extra,
      );
      expect(added.code, added.stderr).toBe(0);
    }
    const noUrl = await inDir({}, 'user', 'invite', 'ivy');
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('set PUBLIC_URL');

    const one = await inDir(withUrl, 'user', 'invite', 'ivy');
    expect(one.code, one.stderr).toBe(0);
    const outbox = /written to (\S+\.eml)/.exec(one.stdout)?.[1] as string;
    expect(one.stdout).toMatch(
      /^Sent ivy an invitation at ivy@example\.test, valid until \d{4}-\d\d-\d\d \d\d:\d\d UTC;/,
    );
    const mail = await simpleParser(readFileSync(outbox));
    expect(mail.text).toMatch(/https:\/\/2fa\.example\.test\/invitation#[A-Za-z0-9_-]{43}/);
    expect(statSync(outbox).mode & 0o777).toBe(0o600);

    const refused = await inDir(withUrl, 'user', 'invite', 'olga');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already has a password');
    const unknown = await inDir(withUrl, 'user', 'invite', 'nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no user named nobody.');

    const all = await inDir(withUrl, 'user', 'invite', '--all-without-password');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('- ivy: An invitation was sent to this user a moment ago.');
    expect(all.stdout).toContain('- noah: This user has no e-mail address');
    expect(all.stdout).toContain('Sent 0 invitation(s); 2 user(s) without a password were not invited.');
    const usage = await inDir(withUrl, 'user', 'invite');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('user invite needs a username or --all-without-password.');
  });

  it('explains a mistake instead of failing silently', async () => {
    const unknown = await verifier('user', 'frob');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "user frob"');
    expect(unknown.stderr).toContain('Usage: verifier');
    const missing = await verifier('user', 'add', '--username', 'x');
    expect(missing.stderr).toContain('user add needs --username and --group.');
    const noGroup = await verifier('user', 'add', '--username', 'x', '--group', 'Nobody');
    expect(noGroup.stderr).toContain('There is no security access group named Nobody.');
  });

  it('a lost-device reset and an admin password reset end sessions and known browsers, audited with what ended', async () => {
    const dir = tempDir();
    const runtime = await prepareRuntime(loadConfig({ VERIFIER_DATA_DIR: dir }), systemClock);
    const group = await findGroupByName(runtime.ctx.db, 'Agent');
    const user = await createUser(
      runtime.ctx.db,
      { username: 'lee', email: '', displayName: 'Lee', groupId: group?.id ?? 0, source: 'local' },
      Date.now(),
    );
    const admin = await findUserByName(runtime.ctx.db, 'admin');
    for (const who of [user, admin]) {
      if (!who) throw new Error('no user');
      await createSession(runtime.ctx.db, who.id, 'full', Date.now());
      await rememberDevice(runtime.ctx.db, runtime.ctx.deviceTokenKey, [], who, Date.now());
    }
    // Lee has set up an authenticator: the reset must delete it, not only say so.
    const sealed = runtime.ctx.box.seal(new Uint8Array(20).fill(7), `credential:${user.id}`);
    const fields = { algorithm: 'SHA1' as const, digits: 6, period: 30, drift: 0, last_step: 0 };
    await runtime.ctx.db
      .insertInto('credentials')
      .values({ user_id: user.id, key_id: sealed.keyId, secret_box: sealed.box, ...fields, created_at: 0 })
      .execute();
    await runtime.close();
    expect((await verifierIn(dir, 'user', 'reset-2fa', '--username', 'lee')).code).toBe(0);
    expect((await verifierIn(dir, 'admin', 'reset-password')).code).toBe(0);
    const db = new SqliteDatabase(join(dir, 'verifier.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM credentials').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM device_tokens').get()).toEqual({ n: 0 });
      const audit = db
        // The security e-mails the two commands send are audited too; their test is security-mail.test.ts.
        .prepare(
          "SELECT event, detail FROM audit_log WHERE actor = 'cli' AND event NOT LIKE 'security_mail.%' ORDER BY id",
        )
        .all() as Array<{ event: string; detail: string }>;
      expect(audit.map((row) => [row.event, JSON.parse(row.detail).ended])).toEqual([
        [
          'user.two_factor_reset',
          [
            'credential',
            'enrollment',
            'email_code',
            'email_confirmation',
            'sessions',
            'device_tokens',
            'remembered_devices',
            'recovery_codes',
          ],
        ],
        ['password.changed', ['sessions', 'device_tokens', 'remembered_devices', 'invitation']],
      ]);
    } finally {
      db.close();
    }
  });

  it('backs up the database while the server writes, to a new file readable by its owner only', async () => {
    const dir = tempDir();
    const server = await prepareRuntime(loadConfig({ VERIFIER_DATA_DIR: dir }), systemClock);
    try {
      const group = await findGroupByName(server.ctx.db, 'Agent');
      let added = 0;
      const addUser = () =>
        createUser(
          server.ctx.db,
          {
            username: `user${added++}`,
            email: '',
            displayName: 'U',
            groupId: group?.id ?? 0,
            source: 'local',
          },
          Date.now(),
        );
      for (let i = 0; i < 300; i++) await addUser();
      const beforeBackup = added;
      let writing = true;
      const writer = (async () => {
        while (writing) {
          await addUser();
          await sleep(1);
        }
      })();
      const file = join(dir, 'verifier-backup.db');
      const backup = await verifierWith({ VERIFIER_DATA_DIR: dir }, 'backup', file);
      writing = false;
      await writer;

      expect(backup.code).toBe(0);
      expect(backup.stdout).toContain(`Backed up ${join(dir, 'verifier.db')} to ${file}`);
      expect(backup.stdout).toContain('The master key is not in the backup');
      expect(backup.stdout).toContain(join(dir, 'master.key'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const copy = new SqliteDatabase(file, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const copied = copy.prepare('SELECT id, username FROM users ORDER BY id').all() as { id: number }[];
      copy.close();
      const lastCopied = copied.at(-1)?.id ?? 0;
      // One consistent moment: every user up to the last one copied, none missing in between.
      const source = await server.ctx.db
        .selectFrom('users')
        .select(['id', 'username'])
        .where('id', '<=', lastCopied)
        .orderBy('id')
        .execute();
      expect(copied).toEqual(source);
      // Users the server added after the command started are in the copy.
      expect(copied.length).toBeGreaterThan(beforeBackup + 1);

      const bytes = readFileSync(file);
      const again = await verifierWith({ VERIFIER_DATA_DIR: dir }, 'backup', file);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`${file} already exists`);
      expect(readFileSync(file)).toEqual(bytes);
    } finally {
      await server.close();
    }
  });

  it('says why it cannot back up: no file named, no database yet, or PostgreSQL', async () => {
    expect((await verifier('help')).stdout).toContain('backup FILE');
    const dir = tempDir();
    const file = join(dir, 'copy.db');
    const unnamed = await verifierWith({ VERIFIER_DATA_DIR: dir }, 'backup');
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toContain('backup needs one FILE');
    const missing = await verifierWith({ VERIFIER_DATA_DIR: dir }, 'backup', file);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`There is no database at ${join(dir, 'verifier.db')}`);
    const postgres = await verifierWith(
      { VERIFIER_DATA_DIR: dir, DATABASE_URL: 'postgres://verifier@127.0.0.1:1/verifier' },
      'backup',
      file,
    );
    expect(postgres.code).toBe(1);
    expect(postgres.stderr).toContain('pg_dump');
    expect(existsSync(file)).toBe(false);
  });
});
