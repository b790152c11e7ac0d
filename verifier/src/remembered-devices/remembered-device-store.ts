import { randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../../../shared/internal/constant-time.ts';
import { signedId, signId } from '../crypto/signed-id.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import {
  type BindingFacts,
  bindingOf,
  DAY_MS,
  REMEMBERED_PURPOSE,
  rememberedUntil,
} from './remember-rules.ts';

/** A remembered device as the user and the admin see it; `ref` names it for Revoke. */
export interface RememberedDevice {
  ref: string;
  browser: string;
  ip: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
}

/** The public name of a stored row: a hash of its hash, so neither the id nor the stored value leaves. */
export function refOf(idHash: string): string {
  return sha256Hex(`ref\0${idHash}`).slice(0, 32);
}

/** The password hash and factor of a user now, as a remembered device is bound to them. */
export async function bindingFactsOf(
  db: Db,
  userId: number,
  method: 'totp' | 'email',
): Promise<BindingFacts> {
  const row = await db
    .selectFrom('users')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .select(['users.password_hash', 'users.email_confirmed', 'credentials.created_at'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return {
    passwordHash: row?.password_hash ?? null,
    method,
    credentialCreatedAt: method === 'totp' ? (row?.created_at ?? null) : null,
    emailConfirmed: method === 'email' ? (row?.email_confirmed ?? null) : null,
  };
}

export interface NewRememberedDevice {
  userId: number;
  facts: BindingFacts;
  browser: string;
  ip: string;
  now: number;
  days: number;
}

/** Stores a new remembered device in the caller's transaction; returns the token for the browser. */
export async function rememberDevice(db: Db, key: Uint8Array, device: NewRememberedDevice): Promise<string> {
  const id = randomBytes(16).toString('base64url');
  await db
    .insertInto('remembered_devices')
    .values({
      id_hash: sha256Hex(id),
      user_id: device.userId,
      binding: bindingOf(key, device.facts),
      browser: device.browser,
      ip: device.ip,
      created_at: device.now,
      last_used_at: device.now,
      expires_at: device.now + device.days * DAY_MS,
    })
    .execute();
  return signId(key, REMEMBERED_PURPOSE, id, String(device.userId));
}

/**
 * The stored hash of the first token in `tokens` that was made for this user and still holds: signed
 * for them, not revoked, not past its expiry under today's days, and given under the same password and
 * factor as now. Anything else is no remembered device.
 */
export async function findRememberedDevice(
  db: Db,
  key: Uint8Array,
  tokens: readonly string[],
  user: { id: number; facts: BindingFacts },
  now: number,
  days: number,
): Promise<string | undefined> {
  if (days <= 0) return undefined;
  const binding = Buffer.from(bindingOf(key, user.facts));
  for (const token of tokens) {
    const id = signedId(key, REMEMBERED_PURPOSE, token, String(user.id));
    if (!id) continue;
    const row = await db
      .selectFrom('remembered_devices')
      .select(['id_hash', 'binding', 'created_at', 'expires_at'])
      .where('id_hash', '=', sha256Hex(id))
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    if (!row || rememberedUntil(row.created_at, row.expires_at, days) <= now) continue;
    if (constantTimeEqual(Buffer.from(row.binding), binding)) return row.id_hash;
  }
  return undefined;
}

export async function markUsed(db: Db, idHash: string, now: number): Promise<void> {
  await db
    .updateTable('remembered_devices')
    .set({ last_used_at: now })
    .where('id_hash', '=', idHash)
    .execute();
}

/** The user's devices that could still skip the code, newest first. */
export async function listRememberedDevices(
  db: Db,
  userId: number,
  now: number,
  days: number,
): Promise<RememberedDevice[]> {
  const rows = await db
    .selectFrom('remembered_devices')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows
    .map((row) => ({
      ref: refOf(row.id_hash),
      browser: row.browser,
      ip: row.ip,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      expiresAt: rememberedUntil(row.created_at, row.expires_at, days),
    }))
    .filter((device) => device.expiresAt > now);
}

/** Forgets one device of the user; false when the user has no device of that name. */
export async function revokeRememberedDevice(db: Db, userId: number, ref: string): Promise<boolean> {
  const rows = await db
    .selectFrom('remembered_devices')
    .select('id_hash')
    .where('user_id', '=', userId)
    .execute();
  const match = rows.find((row) => constantTimeEqual(Buffer.from(refOf(row.id_hash)), Buffer.from(ref)));
  if (!match) return false;
  const deleted = await db
    .deleteFrom('remembered_devices')
    .where('id_hash', '=', match.id_hash)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return deleted.numDeletedRows === 1n;
}

/** Forgets every device of the user (a password change). */
export async function forgetRememberedDevices(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('remembered_devices').where('user_id', '=', userId).execute();
}
