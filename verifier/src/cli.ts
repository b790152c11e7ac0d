import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applyEndings, endedDetail, endingsOf } from './accounts/factor-endings.ts';
import { extendGracePeriod } from './accounts/grace-extension.ts';
import { findGroupByName } from './accounts/groups.ts';
import { type Checked, checkDisplayName, checkEmail, checkUsername } from './accounts/identity-rules.ts';
import { createUser, resetTwoFactor } from './accounts/user-admin.ts';
import { findUserByName } from './accounts/users.ts';
import { exportUsers, importUsers } from './accounts/users-import.ts';
import { writeAudit } from './audit/audit-log.ts';
import { backupCommand } from './backup-command.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './crypto/passwords.ts';
import { resealSecrets } from './crypto/reseal.ts';
import { randomPassword } from './crypto/tokens.ts';
import { ApiError } from './http/api-error.ts';
import { printable, printableLines } from './printable.ts';
import { serve } from './server.ts';
import { prepareRuntime } from './setup.ts';
import { fileTooLarge, MAX_IMPORT_BYTES } from './users-csv/index.ts';

const USAGE = `Usage: verifier <command>

Commands:
  serve                                   start the server (default)
  migrate                                 apply database migrations and exit
  admin reset-password [--password P]     new one-time password for "admin" (printed once)
  user add --username U --group G [--email E] [--display-name N] [--source local|sso] [--password P] [--two-factor] [--method totp|email]
  user reset-2fa --username U             delete the user's 2FA credential (lost device)
  user export [--output FILE]             write every user as CSV (to stdout without --output)
  user import [--dry-run] FILE            create and update users from CSV, all or nothing
  settings grace --extend-to DATE         move the end of the grace period (YYYY-MM-DD, UTC) later
  keys reseal                             re-seal stored secrets with the first VERIFIER_MASTER_KEY
  backup FILE                             copy the SQLite database, even while serving, to a new FILE (0600);
                                          the master key is not in it: keep that separately

Environment: PORT, HOST, DATABASE_URL, VERIFIER_DATA_DIR, VERIFIER_MASTER_KEY, VERIFIER_MASTER_KEY_FILE,
VERIFIER_ADMIN_PASSWORD, COOKIE_SECURE, TRUST_PROXY, LOG_LEVEL, VERIFIER_WEB_ROOT, SMTP_URL, MAIL_FROM,
METRICS_TOKEN.`;

class UsageError extends Error {}
/** A command that ran but could not do its work; the message says why. */
class CommandFailed extends Error {}

async function withRuntime(run: (rt: Awaited<ReturnType<typeof prepareRuntime>>) => Promise<void>) {
  const runtime = await prepareRuntime(loadConfig(), systemClock);
  try {
    await run(runtime);
  } finally {
    await runtime.close();
  }
}

async function resetAdminPassword(args: string[]) {
  const { values } = parseArgs({ args, options: { password: { type: 'string' } } });
  const password = values.password ?? randomPassword();
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`--password needs ${MIN_PASSWORD_LENGTH}+ characters.`);
  await withRuntime(async ({ ctx }) => {
    const admin = await findUserByName(ctx.db, 'admin');
    if (!admin) throw new UsageError('There is no user named admin.');
    const hash = await hashPassword(password);
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ password_hash: hash, must_change_password: 1, locked_at: null, code_failures: 0 })
        .where('id', '=', admin.id)
        .execute();
      await applyEndings(trx, [admin.id], endingsOf(['password_reset']));
      await trx.deleteFrom('attempt_throttle').where('username', '=', 'admin').execute();
    });
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'password.changed',
      target: 'admin',
      detail: endedDetail(endingsOf(['password_reset'])),
    });
    process.stdout.write(
      `One-time password for admin: ${password}\nIt must be changed at the next sign-in.\n`,
    );
  });
}

function acceptedOption(option: string, check: Checked<string>): string {
  if (!check.ok) throw new CommandFailed(`${option}: ${printable(check.reason)}`);
  return check.value;
}

async function addUser(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      group: { type: 'string' },
      email: { type: 'string', default: '' },
      'display-name': { type: 'string' },
      source: { type: 'string', default: 'local' },
      password: { type: 'string' },
      'two-factor': { type: 'boolean', default: false },
      method: { type: 'string', default: 'totp' },
    },
  });
  if (!values.username || !values.group) throw new UsageError('user add needs --username and --group.');
  if (values.source !== 'local' && values.source !== 'sso')
    throw new UsageError('--source must be local or sso.');
  if (values.method !== 'totp' && values.method !== 'email')
    throw new UsageError('--method must be totp or email.');
  const method = values.method;
  const { group: groupName, source } = values;
  // The rules of the admin API and the CSV import, checked before the database is opened.
  const username = acceptedOption('--username', checkUsername(values.username));
  const email = acceptedOption('--email', checkEmail(values.email ?? ''));
  const displayName = acceptedOption('--display-name', checkDisplayName(values['display-name'] ?? username));
  await withRuntime(async ({ ctx }) => {
    const group = await findGroupByName(ctx.db, groupName);
    if (!group) throw new UsageError(`There is no security access group named ${printable(groupName)}.`);
    const user = await createUser(
      ctx.db,
      {
        username,
        email,
        displayName,
        groupId: group.id,
        source,
        password: values.password,
        twoFactorEnabled: values['two-factor'],
        method,
        mustChangePassword: values.password !== undefined,
      },
      ctx.clock.now(),
    );
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'user.created',
      target: user.username,
    });
    process.stdout.write(
      `Created ${printable(user.username)} in ${printable(user.group.name)} (2FA ${user.twoFactorStatus}).\n`,
    );
  });
}

async function resetUserTwoFactor(args: string[]) {
  const { values } = parseArgs({ args, options: { username: { type: 'string' } } });
  if (!values.username) throw new UsageError('user reset-2fa needs --username.');
  const username = values.username;
  await withRuntime(async ({ ctx }) => {
    const user = await findUserByName(ctx.db, username);
    if (!user) throw new UsageError(`There is no user named ${printable(username)}.`);
    const ended = await resetTwoFactor(ctx.db, user.id);
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'user.two_factor_reset',
      target: user.username,
      detail: endedDetail(ended),
    });
    process.stdout.write(
      `Deleted the 2FA credential of ${printable(user.username)}; they set up again at next sign-in.\n`,
    );
  });
}

async function resealWithCurrentKey() {
  await withRuntime(async ({ ctx }) => {
    const count = await resealSecrets(ctx.db, ctx.box);
    process.stdout.write(
      `Re-sealed ${count} secret(s) with master key ${ctx.box.currentKeyId}; older keys can now be removed.\n`,
    );
  });
}

async function exportUsersCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { output: { type: 'string' } } });
  await withRuntime(async ({ ctx }) => {
    const { csv, count } = await exportUsers(ctx.db);
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'users.exported',
      detail: { count },
    });
    if (values.output === undefined) {
      process.stdout.write(csv);
      return;
    }
    await writeFile(values.output, csv, { mode: 0o600 });
    process.stderr.write(`Wrote ${count} user(s) to ${printable(values.output)}.\n`);
  });
}

async function importUsersCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    options: { 'dry-run': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('user import needs exactly one CSV file.');
  let handle: FileHandle;
  try {
    handle = await open(file);
  } catch {
    throw new UsageError(`Cannot read ${printable(file)}.`);
  }
  try {
    await importFromFile(file, handle, values['dry-run'] === true);
  } finally {
    await handle.close();
  }
}

/** The size is checked before anything is read; a file that grows meanwhile stops at the limit as it is read. */
async function importFromFile(file: string, handle: FileHandle, dryRun: boolean) {
  const stats = await handle.stat();
  if (stats.isDirectory()) throw new UsageError(`Cannot read ${printable(file)}.`);
  const refused = `${printable(file)} was not imported; nothing changed`;
  if (stats.size > MAX_IMPORT_BYTES) throw new CommandFailed(`${refused}: ${fileTooLarge.message}`);
  await withRuntime(async ({ ctx }) => {
    const result = await importUsers(ctx.db, handle.createReadStream({ autoClose: false }), {
      dryRun,
      audit: { at: ctx.clock.now(), actor: 'cli', ip: null },
    });
    if (!result.ok && 'exceeded' in result) throw new CommandFailed(`${refused}: ${result.exceeded.message}`);
    if (!result.ok) {
      const lines = result.errors.map(
        (e) => `  row ${e.row}${e.column ? ` (${e.column})` : ''}: ${printable(e.reason)}`,
      );
      throw new CommandFailed(`${refused}:\n${lines.join('\n')}`);
    }
    const { creates, updates, unchanged } = result.plan;
    for (const c of creates) process.stdout.write(`+ row ${c.row}: ${printable(c.username)}\n`);
    for (const u of updates) {
      const fields = u.changes.map(
        (change) => `${change.field} ${printable(String(change.from))} -> ${printable(String(change.to))}`,
      );
      process.stdout.write(`~ row ${u.row}: ${printable(u.username)}: ${fields.join(', ')}\n`);
    }
    const summary = `${creates.length} to create, ${updates.length} to update, ${unchanged.length} unchanged`;
    process.stdout.write(dryRun ? `Dry run: ${summary}; nothing was changed.\n` : `Imported: ${summary}.\n`);
  });
}

async function extendGraceCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { 'extend-to': { type: 'string' } } });
  const date = values['extend-to'];
  if (!date) throw new UsageError('settings grace needs --extend-to DATE.');
  await withRuntime(async ({ ctx }) => {
    const { from, settings } = await extendGracePeriod(ctx, date);
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'settings.grace_extended',
      detail: { from, to: settings.graceExtendedUntil },
    });
    process.stdout.write(`The grace period now ends ${settings.graceExtendedUntil} (was ${from}).\n`);
  });
}

async function main(argv: string[]) {
  const [command = 'serve', sub, ...rest] = argv;
  const grouped = ['admin', 'user', 'keys', 'settings'].includes(command);
  const key = grouped ? `${command} ${sub ?? ''}` : command;
  const args = grouped ? rest : argv.slice(1);
  switch (key) {
    case 'serve':
      return serve(loadConfig());
    case 'migrate':
      return withRuntime(async ({ handle }) => {
        process.stdout.write(`Database schema is up to date (${handle.dialect}).\n`);
      });
    case 'admin reset-password':
      return resetAdminPassword(args);
    case 'user add':
      return addUser(args);
    case 'user reset-2fa':
      return resetUserTwoFactor(args);
    case 'keys reseal':
      return resealWithCurrentKey();
    case 'user export':
      return exportUsersCommand(args);
    case 'user import':
      return importUsersCommand(args);
    case 'settings grace':
      return extendGraceCommand(args);
    case 'backup':
      return backupCommand(args);
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      throw new UsageError(`Unknown command "${printable(argv.join(' '))}".`);
  }
}

// Messages carry names and values from files, the database and the arguments: none reaches the terminal
// raw. Usage and command messages have lines of their own; the others are one line.
main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`${printableLines(error.message)}\n\n${USAGE}\n`);
  else if (error instanceof CommandFailed) process.stderr.write(`${printableLines(error.message)}\n`);
  else if (error instanceof ConfigError || error instanceof ApiError)
    process.stderr.write(`${printable(error.message)}\n`);
  else if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`${printable(error.message)}\n\n${USAGE}\n`);
  } else {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${printableLines(text)}\n`);
  }
  process.exitCode = 1;
});
