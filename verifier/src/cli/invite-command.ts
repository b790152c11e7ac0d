import { parseArgs } from 'node:util';
import { findUserByName } from '../accounts/users.ts';
import type { InvitationSent, Sender } from '../invitations/send-invitation.ts';
import { sendInvitation } from '../invitations/send-invitation.ts';
import { sendInvitations } from '../invitations/send-invitations.ts';
import { CommandFailed, UsageError } from './command-errors.ts';
import { printable } from './printable.ts';
import { withRuntime } from './runtime.ts';

const CLI: Sender = { actor: 'cli', ip: null };

/** "2026-12-04 10:15 UTC" */
const instant = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function sentLine(sent: InvitationSent): string {
  const where = sent.outboxPath ? `written to ${printable(sent.outboxPath)}` : 'handed to the SMTP server';
  return `Sent ${printable(sent.username)} an invitation at ${printable(sent.sentTo)}, valid until ${instant(sent.expiresAt)}; ${where}.\n`;
}

/**
 * `user invite NAME` and `user invite --all-without-password`: the invitations of Edit user and the
 * users page, by the same rules (no address, a password, SSO, 10 minutes since the last one).
 */
export async function inviteCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'all-without-password': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const all = values['all-without-password'] === true;
  if (all === positionals.length > 0 || positionals.length > 1)
    throw new UsageError('user invite needs a username or --all-without-password.');
  await withRuntime(async ({ ctx }) => {
    if (!all) {
      const username = positionals[0] as string;
      const user = await findUserByName(ctx.db, username);
      if (!user) throw new CommandFailed(`There is no user named ${printable(username)}.`);
      process.stdout.write(sentLine(await sendInvitation(ctx, user.id, CLI)));
      return;
    }
    const result = await sendInvitations(ctx, CLI);
    for (const sent of result.sent) process.stdout.write(sentLine(sent));
    for (const refused of result.refused)
      process.stdout.write(`- ${printable(refused.username)}: ${printable(refused.message)}\n`);
    const summary = `Sent ${result.sent.length} invitation(s); ${result.refused.length} user(s) without a password were not invited.`;
    if (result.stopped) throw new CommandFailed(`${summary}\nStopped: ${printable(result.stopped.message)}`);
    process.stdout.write(`${summary}\n`);
  });
}
