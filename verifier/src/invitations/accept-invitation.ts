import { findUserView, type UserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { weakPassword } from '../auth/sign-in-errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../crypto/passwords.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { readSettings } from '../settings/settings.ts';
import { invitationExpired, invitationInvalid } from './invitation-rules.ts';
import { findInvitation, type InvitationRow, takeInvitation } from './invitation-store.ts';

/** What the page shows above the password fields. */
export interface OpenedInvitation {
  username: string;
  displayName: string;
  organisationName: string;
  expiresAt: number;
}

/** The invitation behind a token that can still be used, or the refusal that says why not. */
async function usable(db: Db, token: string, now: number): Promise<InvitationRow> {
  const row = await findInvitation(db, sha256Hex(token));
  if (!row) throw invitationInvalid();
  if (row.expires_at <= now) throw invitationExpired();
  return row;
}

/** Reads an invitation without using it up (opening the link twice is harmless). */
export async function openInvitation(db: Db, token: string, now: number): Promise<OpenedInvitation> {
  const row = await usable(db, token, now);
  const user = await findUserView(db, row.user_id, now);
  if (!user) throw invitationInvalid();
  const { organisationName } = await readSettings(db);
  return {
    username: user.username,
    displayName: user.displayName,
    organisationName,
    expiresAt: row.expires_at,
  };
}

/**
 * Sets the user's first password and uses the invitation up, in one transaction: the invitation's
 * conditional delete decides which of two racing requests wins, and the password is written only while
 * the user still has none (an admin's password, set meanwhile, has voided the link anyway). Whatever is
 * refused changes nothing.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; password: string; now: number; ip: string | null },
): Promise<UserView> {
  const { token, password, now } = input;
  const row = await usable(db, token, now);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('invalid', 'weak_password', weakPassword().message);
  }
  const passwordHash = await hashPassword(password);
  const username = await db.transaction().execute(async (trx) => {
    const userId = await takeInvitation(trx, sha256Hex(token), now);
    if (userId !== row.user_id) throw invitationInvalid();
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0 })
      .where('id', '=', userId)
      .where('password_hash', 'is', null)
      .where('source', '=', 'local')
      .returning('username')
      .executeTakeFirst();
    if (!updated) throw invitationInvalid();
    await writeAudit(trx, {
      at: now,
      actor: updated.username,
      event: 'invitation.accepted',
      target: updated.username,
      ip: input.ip,
    });
    return updated.username;
  });
  const user = await findUserView(db, row.user_id, now);
  if (!user) throw new DomainError('not_found', 'not_found', `The user ${username} was not found.`);
  return user;
}
