import type { HashAlgorithm } from '../../../shared/index.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { CredentialRow, Db } from '../db/schema.ts';
import type { TotpMatch, TotpParameters } from './match-totp.ts';

/** Authenticated-data label binding a sealed secret to its user and purpose. */
export const credentialContext = (userId: number) => `credential:${userId}`;

export async function loadCredential(db: Db, userId: number): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function openCredential(box: SecretBox, row: CredentialRow): TotpParameters {
  return {
    secret: box.open({ keyId: row.key_id, box: row.secret_box }, credentialContext(row.user_id)),
    algorithm: row.algorithm as HashAlgorithm,
    digits: row.digits,
    period: row.period,
    drift: row.drift,
  };
}

/**
 * RFC 6238 §5.2 replay protection as one conditional UPDATE: it succeeds only while the stored step
 * is older than this one, so of two simultaneous requests with the same code (on one process or
 * several sharing the database) exactly one changes the row.
 */
export async function markAccepted(db: Db, userId: number, match: TotpMatch): Promise<boolean> {
  const result = await markQuery(db, userId, match.step, match.drift);
  return result.numAffectedRows === 1n;
}

const markQuery = preparedQuery(
  (db, userId: number, step: number, drift: number) =>
    db
      .updateTable('credentials')
      .set({ last_step: step, drift })
      .where('user_id', '=', userId)
      .where('last_step', '<', step),
  3,
);
