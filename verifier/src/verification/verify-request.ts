import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import { SUBJECT_COLUMNS, type SubjectRow, subjectFromRow, type VerificationSubject } from './subject.ts';

/** What one third-party verify request needs from the database, read in a single query. */
export interface VerifyRequestState {
  apiKey: { id: number; name: string; lastUsedAt: number | null };
  /** Undefined for an unknown username. */
  subject: VerificationSubject | undefined;
}

/**
 * The API key row (only when it exists and is not revoked) joined with the named user, their
 * group, credential and the settings. No row: the key is not valid, whatever the name.
 */
const requestStatement = statement<
  { api_key_id: number; api_key_name: string; api_key_last_used_at: number | null } & NullableSubject
>(
  'verify_request_load',
  `SELECT api_keys.id AS api_key_id, api_keys.name AS api_key_name,
     api_keys.last_used_at AS api_key_last_used_at, ${SUBJECT_COLUMNS}
   FROM api_keys
   LEFT JOIN users ON users.username = ?
   LEFT JOIN groups ON groups.id = users.group_id
   LEFT JOIN settings ON settings.id = 1
   LEFT JOIN credentials ON credentials.user_id = users.id
   WHERE api_keys.key_hash = ? AND api_keys.revoked_at IS NULL`,
);

/** The subject's columns as a LEFT JOIN gives them: all null for an unknown username. */
type NullableSubject = { [K in keyof SubjectRow]: SubjectRow[K] | null };

/**
 * Only the SHA-256 of the presented key is looked up: an index match reveals nothing about other
 * keys. Returns undefined when the key is unknown or revoked.
 */
export async function loadVerifyRequest(
  db: Db,
  presentedKey: string,
  username: string,
  now: number,
): Promise<VerifyRequestState | undefined> {
  const [row] = (await run(db, requestStatement, [username, sha256Hex(presentedKey)])).rows;
  if (!row) return undefined;
  return {
    apiKey: { id: row.api_key_id, name: row.api_key_name, lastUsedAt: row.api_key_last_used_at },
    // A matched user always has a group and the settings row (foreign key, single settings row).
    subject: row.id === null ? undefined : subjectFromRow(row as SubjectRow, now),
  };
}
