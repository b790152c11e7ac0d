import { type FileHandle, open, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { endedDetail } from '../accounts/factor-endings.ts';
import { findGroupByName } from '../accounts/groups.ts';
import { type Checked, checkDisplayName, checkEmail, checkUsername } from '../accounts/identity-rules.ts';
import { createUser, resetTwoFactor } from '../accounts/user-admin.ts';
import { findUserByName } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { notifyUsers } from '../security-mail/notify-users.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { exportUsers, importNotices, importUsers } from '../users-csv/import-users.ts';
import { fileTooLarge, MAX_IMPORT_BYTES } from '../users-csv/index.ts';
import { CommandFailed, UsageError } from './command-errors.ts';
import { printable } from './printable.ts';
import { withRuntime } from './runtime.ts';

function acceptedOption(option: string, check: Checked<string>): string {
  if (!check.ok) throw new CommandFailed(`${option}: ${printable(check.reason)}`);
  return check.value;
}

/** `user add`: one user, by the same rules as the admin API and the CSV import. */
export async function addUser(args: string[]): Promise<void> {
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

/** `user reset-2fa`: the lost-device reset; the user sets up again at the next sign-in. */
export async function resetUserTwoFactor(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { username: { type: 'string' } } });
  if (!values.username) throw new UsageError('user reset-2fa needs --username.');
  const username = values.username;
  await withRuntime(async ({ ctx }) => {
    const user = await findUserByName(ctx.db, username);
    if (!user) throw new UsageError(`There is no user named ${printable(username)}.`);
    const ended = await resetTwoFactor(ctx.db, user.id, ctx.clock.now());
    await writeAudit(ctx.db, {
      at: ctx.clock.now(),
      actor: 'cli',
      event: 'user.two_factor_reset',
      target: user.username,
      detail: endedDetail(ended),
    });
    const notice = { username: user.username, email: user.email, displayName: user.display_name };
    await sendSecurityNotice(ctx, notice, 'two_factor_reset_by_admin', { actor: 'cli' });
    process.stdout.write(
      `Deleted the 2FA credential of ${printable(user.username)}; they set up again at next sign-in.\n`,
    );
  });
}

/** `user export`: every user as CSV, to stdout or to a new file readable by its owner only. */
export async function exportUsersCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { output: { type: 'string' } } });
  await withRuntime(async ({ ctx }) => {
    const { csv, count } = await exportUsers(ctx.db, ctx.clock.now());
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

/** `user import`: the plan is printed; any bad row, or a failing write, changes nothing. */
export async function importUsersCommand(args: string[]): Promise<void> {
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
    // The command waits for the e-mails (it closes the database next); a failure is audited, never fatal.
    if (result.applied) await notifyUsers(ctx, importNotices(result.plan), { actor: 'cli' });
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
