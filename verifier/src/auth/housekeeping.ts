import type { Db } from '../db/schema.ts';
import { purgeExpiredInvitations } from '../invitations/invitation-store.ts';
import { purgeExpiredOidcRecords } from '../oidc/adapter.ts';
import { ADDRESS_FORGET_AFTER_MS, FORGET_AFTER_MS } from './attempt-throttle.ts';

/**
 * Deletes what has expired: sessions, unconfirmed enrollments and forgotten failure counts
 * (per account and per address).
 * Cheap (indexed) and idempotent, so any process may run it at any time.
 */
export async function purgeExpired(db: Db, now: number): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
  await db.deleteFrom('enrollments').where('expires_at', '<=', now).execute();
  await db.deleteFrom('device_tokens').where('expires_at', '<=', now).execute();
  await db
    .deleteFrom('attempt_throttle')
    .where('next_attempt_at', '<', now - FORGET_AFTER_MS)
    .execute();
  await db
    .deleteFrom('address_throttle')
    .where('next_attempt_at', '<', now - ADDRESS_FORGET_AFTER_MS)
    .execute();
  await purgeExpiredInvitations(db, now);
  await purgeExpiredOidcRecords(db, now);
}
