import type { Db } from '../db/schema.ts';
import type { EmailCodeRecord } from './index.ts';

/** The stored e-mailed code of a user, or null when none was ever sent. */
export async function loadCodeRecord(db: Db, userId: number): Promise<EmailCodeRecord | null> {
  const row = await db.selectFrom('email_codes').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  return {
    version: row.version,
    salt: row.salt,
    codeHash: row.code_hash,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    failedAttempts: row.failed_attempts,
    status: row.status,
    usedAt: row.used_at,
    sendTimes: JSON.parse(row.send_times) as number[],
    resendTimes: JSON.parse(row.resend_times) as number[],
  };
}

function columns(record: EmailCodeRecord) {
  return {
    version: record.version,
    salt: record.salt,
    code_hash: record.codeHash,
    issued_at: record.issuedAt,
    expires_at: record.expiresAt,
    failed_attempts: record.failedAttempts,
    status: record.status,
    used_at: record.usedAt,
    send_times: JSON.stringify(record.sendTimes),
    resend_times: JSON.stringify(record.resendTimes),
  };
}

/**
 * Writes `next` only if the stored record is still `previous` (same version; none for a first code),
 * so of two requests racing on one code exactly one wins, on one process or many. Returns whether
 * this write won.
 */
export async function saveCodeRecord(
  db: Db,
  userId: number,
  previous: EmailCodeRecord | null,
  next: EmailCodeRecord,
): Promise<boolean> {
  if (previous === null) {
    const inserted = await db
      .insertInto('email_codes')
      .values({ user_id: userId, ...columns(next) })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db
    .updateTable('email_codes')
    .set(columns(next))
    .where('user_id', '=', userId)
    .where('version', '=', previous.version)
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}
