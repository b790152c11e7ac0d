import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db, SessionRow, SessionScope } from '../db/schema.ts';

/** How long each kind of session lives; limited scopes are short because they are half-way states. */
const LIFETIME_MS: Record<SessionScope, number> = {
  full: 8 * 60 * 60_000,
  code: 5 * 60_000,
  setup: 15 * 60_000,
  'change-password': 15 * 60_000,
};

export interface NewSession {
  token: string;
  csrfToken: string;
}

/** Only the SHA-256 of the session id is stored, so a database reader cannot take over sessions. */
export async function createSession(
  db: Db,
  userId: number,
  scope: SessionScope,
  now: number,
  /** The attempt source of the sign-in this session continues (see attempt-source.ts). */
  attemptSource: string | null = null,
  /** When this sign-in gave its code (null: none yet). */
  secondFactorAt: number | null = null,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256Hex(token),
      user_id: userId,
      scope,
      csrf_token: csrfToken,
      challenge_failures: 0,
      created_at: now,
      expires_at: now + LIFETIME_MS[scope],
      attempt_source: attemptSource,
      second_factor_at: secondFactorAt,
    })
    .execute();
  return { token, csrfToken };
}

/** The stored session for a cookie value, expired or not (the caller decides what expiry means). */
export async function findSession(db: Db, token: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', sha256Hex(token)).executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** Counts one wrong code on this challenge; returns the new total. */
export async function countChallengeFailure(db: Db, idHash: string): Promise<number> {
  const row = await db
    .updateTable('sessions')
    .set((eb) => ({ challenge_failures: eb('challenge_failures', '+', 1) }))
    .where('id_hash', '=', idHash)
    .returning('challenge_failures')
    .executeTakeFirst();
  return row?.challenge_failures ?? Number.POSITIVE_INFINITY;
}

/** Sets how long a session lives from `now` (an e-mailed code's challenge lives on with each Resend). */
export async function renewSession(db: Db, idHash: string, now: number, lifetimeMs: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ expires_at: now + lifetimeMs })
    .where('id_hash', '=', idHash)
    .execute();
}
