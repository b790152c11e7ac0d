import { findUserView, type UserView } from '../accounts/users.ts';
import { writeAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { notFound } from '../domain-error.ts';
import { type DeliveryReceipt, MailDeliveryError, type Mailer } from '../mail/index.ts';
import { readSettings } from '../settings/settings.ts';
import { INVITATION_TOKEN_BYTES, invitationLink } from './invitation-link.ts';
import { invitationMessage } from './invitation-message.ts';
import {
  INVITATION_RESEND_MS,
  invitationNotSent,
  invitationRefusal,
  invitationTooSoon,
  publicUrlMissing,
} from './invitation-rules.ts';
import { saveInvitation, withdrawInvitation } from './invitation-store.ts';

export interface InvitationDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  publicUrl?: string | undefined;
}

/** Who sends, for the audit log: an admin's name and address, or the command line. */
export interface Sender {
  actor: string;
  ip: string | null;
}

export interface InvitationSent {
  username: string;
  sentTo: string;
  expiresAt: number;
  /** With the outbox mailer: the .eml file written. */
  outboxPath?: string;
}

/**
 * Sends the user a new invitation, voiding any older one: checks the rules, stores the token's hash
 * (refused within 10 minutes of the last one), then e-mails the link. A failed delivery takes the new
 * invitation back, so the admin can try again at once. The audit entry names the address, never the token.
 */
export async function sendInvitation(
  deps: InvitationDeps,
  userId: number,
  sender: Sender,
): Promise<InvitationSent> {
  const now = deps.clock.now();
  const user = await findUserView(deps.db, userId, now);
  if (!user) throw notFound('The user');
  const refusal = invitationRefusal(user);
  if (refusal) throw refusal;
  if (!deps.publicUrl) throw publicUrlMissing();
  const sentTo = user.email.trim();
  const token = randomToken(INVITATION_TOKEN_BYTES);
  const tokenHash = sha256Hex(token);
  const stored = await saveInvitation(deps.db, { userId, tokenHash, sentTo, now });
  if (!stored.saved) throw invitationTooSoon(stored.pending.created_at + INVITATION_RESEND_MS - now);
  const audit = { at: now, actor: sender.actor, ip: sender.ip, target: user.username };
  let receipt: DeliveryReceipt;
  try {
    receipt = await deps.mailer.send(await messageFor(deps, user, sentTo, token, stored.row.expires_at));
  } catch (error) {
    if (!(error instanceof MailDeliveryError)) throw error;
    await withdrawInvitation(deps.db, userId, tokenHash);
    await writeAudit(deps.db, {
      ...audit,
      event: 'invitation.send_failed',
      detail: { address: sentTo, attempts: error.attempts, ...error.detail },
    });
    throw invitationNotSent();
  }
  await writeAudit(deps.db, {
    ...audit,
    event: 'invitation.sent',
    detail: { address: sentTo, expiresAt: new Date(stored.row.expires_at).toISOString() },
  });
  return {
    username: user.username,
    sentTo,
    expiresAt: stored.row.expires_at,
    ...(receipt.outboxPath ? { outboxPath: receipt.outboxPath } : {}),
  };
}

async function messageFor(
  deps: InvitationDeps,
  user: UserView,
  to: string,
  token: string,
  expiresAt: number,
) {
  const { organisationName } = await readSettings(deps.db);
  return invitationMessage(to, {
    displayName: user.displayName || user.username,
    username: user.username,
    organisation: organisationName,
    link: invitationLink(deps.publicUrl as string, token),
    expiresAt,
  });
}
