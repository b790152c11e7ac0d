import { parseArgs } from 'node:util';
import { applyEndings, endedDetail, endingsOf } from '../accounts/factor-endings.ts';
import { findUserByName } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../crypto/passwords.ts';
import { randomPassword } from '../crypto/tokens.ts';
import { sendSecurityNotice } from '../security-mail/send-security-notice.ts';
import { UsageError } from './command-errors.ts';
import { withRuntime } from './runtime.ts';

/**
 * `admin reset-password`: a one-time password for "admin", printed once. It also clears the lock,
 * the delays, the sessions and the device tokens, so it is the way back in for a locked-out admin.
 */
export async function resetAdminPassword(args: string[]): Promise<void> {
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
    const notice = { username: admin.username, email: admin.email, displayName: admin.display_name };
    await sendSecurityNotice(ctx, notice, 'password_changed', { actor: 'cli' });
    process.stdout.write(
      `One-time password for admin: ${password}\nIt must be changed at the next sign-in.\n`,
    );
  });
}
