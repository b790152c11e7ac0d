import type { UserView } from '../accounts/users.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import {
  listRememberedDevices,
  type RememberedDevice,
} from '../remembered-devices/remembered-device-store.ts';
import { lastSignIns, type SignInEntry } from './sign-in-history.ts';

export interface ActiveSession {
  ref: string;
  createdAt: number;
  expiresAt: number;
  current: boolean;
}

export interface SecurityOverview {
  method: 'totp' | 'email';
  twoFactorStatus: UserView['twoFactorStatus'];
  /** When the authenticator was set up or the address confirmed; null when neither yet. */
  setUpAt: number | null;
  rememberDays: number;
  devices: RememberedDevice[];
  sessions: ActiveSession[];
  signIns: SignInEntry[];
}

/** A session's public name for Revoke: a hash of the stored hash, so no id that opens it leaves. */
export function sessionRef(idHash: string): string {
  return sha256Hex(`session-ref\0${idHash}`).slice(0, 32);
}

/** The user's full sessions that are still alive, newest first; `currentIdHash` is this request's. */
export async function activeSessions(
  db: Db,
  userId: number,
  currentIdHash: string,
  now: number,
): Promise<ActiveSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['id_hash', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('scope', '=', 'full')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    ref: sessionRef(row.id_hash),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    current: row.id_hash === currentIdHash,
  }));
}

async function setUpAt(db: Db, user: UserView): Promise<number | null> {
  if (user.twoFactorStatus !== 'Activated') return null;
  if (user.method === 'totp') {
    const row = await db
      .selectFrom('credentials')
      .select('created_at')
      .where('user_id', '=', user.id)
      .executeTakeFirst();
    return row?.created_at ?? null;
  }
  const confirmed = await db
    .selectFrom('audit_log')
    .select('at')
    .where('target', '=', user.username)
    .where('event', '=', 'account.email_confirmed')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return confirmed?.at ?? null;
}

export async function securityOverview(
  db: Db,
  user: UserView,
  currentIdHash: string,
  now: number,
  rememberDays: number,
): Promise<SecurityOverview> {
  return {
    method: user.method,
    twoFactorStatus: user.twoFactorStatus,
    setUpAt: await setUpAt(db, user),
    rememberDays,
    devices: await listRememberedDevices(db, user.id, now, rememberDays),
    sessions: await activeSessions(db, user.id, currentIdHash, now),
    signIns: await lastSignIns(db, user.username),
  };
}

/** Ends one of the user's sessions by its public name; false when they have none of that name. */
export async function revokeSession(db: Db, userId: number, ref: string): Promise<boolean> {
  const rows = await db.selectFrom('sessions').select('id_hash').where('user_id', '=', userId).execute();
  const match = rows.find((row) => sessionRef(row.id_hash) === ref);
  if (!match) return false;
  await db
    .deleteFrom('sessions')
    .where('id_hash', '=', match.id_hash)
    .where('user_id', '=', userId)
    .execute();
  return true;
}
