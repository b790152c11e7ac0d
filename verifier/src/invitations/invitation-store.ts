import type { Selectable } from 'kysely';
import type { Db, InvitationsTable } from '../db/schema.ts';
import { INVITATION_RESEND_MS, INVITATION_VALIDITY_MS } from './invitation-rules.ts';

export type InvitationRow = Selectable<InvitationsTable>;

/**
 * Stores a new invitation for the user, replacing (and so voiding) an older one, unless the older one
 * is less than 10 minutes old. One conditional upsert, so two admins pressing "Send" at once store one.
 * Returns the row stored, or the pending one that refused it.
 */
export async function saveInvitation(
  db: Db,
  input: { userId: number; tokenHash: string; sentTo: string; now: number },
): Promise<{ saved: true; row: InvitationRow } | { saved: false; pending: InvitationRow }> {
  const values = {
    token_hash: input.tokenHash,
    sent_to: input.sentTo,
    created_at: input.now,
    expires_at: input.now + INVITATION_VALIDITY_MS,
  };
  const row = await db
    .insertInto('invitations')
    .values({ user_id: input.userId, ...values })
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet(values)
        .where('invitations.created_at', '<=', input.now - INVITATION_RESEND_MS),
    )
    .returningAll()
    .executeTakeFirst();
  if (row) return { saved: true, row };
  const pending = await db
    .selectFrom('invitations')
    .selectAll()
    .where('user_id', '=', input.userId)
    .executeTakeFirstOrThrow();
  return { saved: false, pending };
}

/** Takes back an invitation whose e-mail could not be sent (only that one: a newer one stays). */
export async function withdrawInvitation(db: Db, userId: number, tokenHash: string): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where('user_id', '=', userId)
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function findInvitation(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The user's invitation that can still be used at `now`, if any. */
export async function pendingInvitation(db: Db, userId: number, now: number) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/**
 * Uses the invitation up: one conditional delete, in the caller's transaction, so of two tabs sending
 * the same link at once exactly one gets the user id back.
 */
export async function takeInvitation(trx: Db, tokenHash: string, now: number): Promise<number | null> {
  const row = await trx
    .deleteFrom('invitations')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Expired invitations are kept a week, so their link says "expired" rather than "not valid". */
export const EXPIRED_KEPT_MS = 7 * 24 * 60 * 60_000;

export async function purgeExpiredInvitations(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom('invitations')
    .where('expires_at', '<=', now - EXPIRED_KEPT_MS)
    .execute();
}
