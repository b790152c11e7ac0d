import type { Db } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { type InvitationDeps, type InvitationSent, type Sender, sendInvitation } from './send-invitation.ts';

export interface InvitationRefused {
  username: string;
  code: string;
  message: string;
}

export interface BulkInvitations {
  sent: InvitationSent[];
  refused: InvitationRefused[];
  /** Why the run stopped before the end (the mail server failed, PUBLIC_URL is unset); absent when it ran through. */
  stopped?: { code: string; message: string };
}

/** Local users without a password: the ones an invitation is for. */
function withoutPassword(db: Db) {
  return db.selectFrom('users').where('password_hash', 'is', null).where('source', '=', 'local');
}

/** How many users have no password, and how many of them have an address to be invited at. */
export async function countInvitees(db: Db): Promise<{ withoutPassword: number; withAddress: number }> {
  const rows = await withoutPassword(db).select('email').execute();
  return { withoutPassword: rows.length, withAddress: rows.filter((r) => r.email.trim() !== '').length };
}

/**
 * Invites every local user without a password, one by one, each by the rules of a single invitation:
 * a user invited less than 10 minutes ago, or without an address, is listed as refused with the reason,
 * so pressing the button twice mails nobody twice. A failure of the mail server stops the run (the next
 * ones would fail too) and says so; what was sent stays sent.
 */
export async function sendInvitations(deps: InvitationDeps, sender: Sender): Promise<BulkInvitations> {
  const users = await withoutPassword(deps.db).select(['id', 'username']).orderBy('username').execute();
  return sendInvitationsTo(deps, users, sender);
}

/** The same run for a chosen list of users (the Users page's selection), each by the single-invitation rules. */
export async function sendInvitationsTo(
  deps: InvitationDeps,
  users: ReadonlyArray<{ id: number; username: string }>,
  sender: Sender,
): Promise<BulkInvitations> {
  const result: BulkInvitations = { sent: [], refused: [] };
  for (const user of users) {
    try {
      result.sent.push(await sendInvitation(deps, user.id, sender));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.kind === 'unavailable') {
        result.stopped = { code: error.code, message: error.message };
        break;
      }
      result.refused.push({ username: user.username, code: error.code, message: error.message });
    }
  }
  return result;
}
