import { randomBytes } from 'node:crypto';
import { signedId, signId } from '../crypto/signed-id.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';

/** A device token lasts this long after the last sign-in it took part in. */
export const DEVICE_TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60_000;

/*
 * A device token (OWASP's "device cookie") says "this browser completed a sign-in as USERNAME".
 * It is `id:mac`: a random id, and an HMAC of the id with the username under a key derived from
 * the master key, so a forged or moved token is refused without a database read. The database
 * holds a hash of the id, for revocation (a password change, a reset, the user's deletion).
 */

const PURPOSE = 'device-token';

/** The id of the token in `tokens` that was made for `username` and whose signature holds. */
export function signedFor(key: Uint8Array, tokens: readonly string[], username: string): string | undefined {
  for (const token of tokens) {
    const id = signedId(key, PURPOSE, token, username);
    if (id) return id;
  }
  return undefined;
}

/**
 * The stored device of a token made for `username`, unless it was revoked or has expired.
 * Returns the hash that names the device's attempt source.
 */
export async function findDevice(
  db: Db,
  key: Uint8Array,
  tokens: readonly string[],
  username: string,
  now: number,
): Promise<string | undefined> {
  const id = signedFor(key, tokens, username);
  if (!id) return undefined;
  const row = await db
    .selectFrom('device_tokens')
    .innerJoin('users', 'users.id', 'device_tokens.user_id')
    .select('device_tokens.id_hash')
    .where('device_tokens.id_hash', '=', sha256Hex(id))
    .where('users.username', '=', username)
    .where('device_tokens.expires_at', '>', now)
    .executeTakeFirst();
  return row?.id_hash;
}

/**
 * After a completed sign-in: renews the device's token for this user when it has a valid one,
 * else issues a new one. Returns the token to keep in the browser.
 */
export async function rememberDevice(
  db: Db,
  key: Uint8Array,
  tokens: readonly string[],
  user: { id: number; username: string },
  now: number,
): Promise<string> {
  const expires = now + DEVICE_TOKEN_LIFETIME_MS;
  const known = signedFor(key, tokens, user.username);
  if (known) {
    const renewed = await db
      .updateTable('device_tokens')
      .set({ last_used_at: now, expires_at: expires })
      .where('id_hash', '=', sha256Hex(known))
      .where('user_id', '=', user.id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (renewed.numUpdatedRows === 1n) return tokenOf(key, known, user.username);
  }
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('device_tokens')
    .values({
      id_hash: sha256Hex(id),
      user_id: user.id,
      created_at: now,
      last_used_at: now,
      expires_at: expires,
    })
    .execute();
  return tokenOf(key, id, user.username);
}

function tokenOf(key: Uint8Array, id: string, username: string): string {
  return signId(key, PURPOSE, id, username);
}

/** Ends every device token of a user: the next sign-in from those browsers counts as untrusted. */
export async function revokeDevices(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('device_tokens').where('user_id', '=', userId).execute();
}
