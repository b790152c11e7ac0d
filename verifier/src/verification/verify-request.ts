import { sql } from 'kysely';
import { sha256Hex } from '../crypto/tokens.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import { SUBJECT_COLUMNS, subjectFromRow, type VerificationSubject } from './subject.ts';

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
const requestQuery = preparedQuery(
  (db, keyHash: string, username: string) =>
    db
      .selectFrom('api_keys')
      .leftJoin('users', (join) => join.on('users.username', '=', username))
      .leftJoin('groups', 'groups.id', 'users.group_id')
      .leftJoin('settings', (join) => join.on(sql<boolean>`settings.id = 1`))
      .leftJoin('credentials', 'credentials.user_id', 'users.id')
      .select([
        'api_keys.id as api_key_id',
        'api_keys.name as api_key_name',
        'api_keys.last_used_at as api_key_last_used_at',
        ...SUBJECT_COLUMNS,
      ])
      .where('api_keys.key_hash', '=', keyHash)
      .where('api_keys.revoked_at', 'is', null),
  2,
);

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
  const [row] = (await requestQuery(db, sha256Hex(presentedKey), username)).rows;
  if (!row) return undefined;
  return {
    apiKey: { id: row.api_key_id, name: row.api_key_name, lastUsedAt: row.api_key_last_used_at },
    // A matched user always has a group and the settings row (foreign key, single settings row).
    subject: row.id === null ? undefined : subjectFromRow(row as Parameters<typeof subjectFromRow>[0], now),
  };
}
