import { randomToken, sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';

const KEY_MARK = 'vk_';
const PREFIX_LENGTH = KEY_MARK.length + 8;

export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A 256-bit random key; only its SHA-256 and a short visible prefix are stored. */
export async function createApiKey(db: Db, name: string, now: number) {
  const key = `${KEY_MARK}${randomToken(32)}`;
  const prefix = key.slice(0, PREFIX_LENGTH);
  const row = await db
    .insertInto('api_keys')
    .values({ name, prefix, key_hash: sha256Hex(key), created_at: now, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, key, prefix, createdAt: iso(now) as string };
}

export async function listApiKeys(db: Db): Promise<ApiKeyView[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: iso(r.created_at) as string,
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  }));
}

/** Returns the key's name, or undefined when it was not found or already revoked. */
export async function revokeApiKey(db: Db, id: number, now: number): Promise<string | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('name')
    .executeTakeFirst();
  return row?.name;
}

const activeKeyStatement = statement<{ id: number; name: string; last_used_at: number | null }>(
  'api_key_active',
  'SELECT id, name, last_used_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL',
);

/** Only the SHA-256 lookup touches the key: a database index match reveals nothing about other keys. */
export async function findActiveApiKey(db: Db, presented: string, now: number) {
  const [row] = (await run(db, activeKeyStatement, [sha256Hex(presented)])).rows;
  if (!row) return undefined;
  await noteApiKeyUse(db, row, now);
  return { id: row.id, name: row.name };
}

/** How stale the recorded last use may get: busy callers must not turn every check into a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Records a use at most once a minute. The condition is checked again in the UPDATE, so several
 * processes that read the same stale time write it once between them.
 */
export async function noteApiKeyUse(
  db: Db,
  key: { id: number; last_used_at: number | null },
  now: number,
): Promise<void> {
  const staleBefore = now - LAST_USED_RESOLUTION_MS;
  if (key.last_used_at !== null && key.last_used_at >= staleBefore) return;
  await run(db, touchStatement, [now, key.id, staleBefore]);
}

const touchStatement = statement(
  'api_key_touch',
  'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
);
