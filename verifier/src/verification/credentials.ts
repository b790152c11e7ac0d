import type { HashAlgorithm } from '../../../shared/index.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { CredentialRow, Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import type { TotpMatch, TotpParameters } from './match-totp.ts';

/** Authenticated-data label binding a sealed secret to its user and purpose. */
export const credentialContext = (userId: number) => `credential:${userId}`;

export async function loadCredential(db: Db, userId: number): Promise<CredentialRow | undefined> {
  return db.selectFrom('credentials').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function openCredential(
  box: SecretBox,
  row: Pick<CredentialRow, 'user_id' | 'key_id' | 'secret_box' | 'algorithm' | 'digits' | 'period' | 'drift'>,
): TotpParameters {
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
  const result = await run(db, markStatement, [match.step, match.drift, userId, match.step]);
  return result.numAffectedRows === 1n;
}

const markStatement = statement(
  'credential_mark',
  'UPDATE credentials SET last_step = ?, drift = ? WHERE user_id = ? AND last_step < ?',
);
