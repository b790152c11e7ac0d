import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Db } from '../db/schema.ts';

/** RFC 4226 §4 asks for at least 128 bits and recommends 160; 160 is what authenticator apps expect. */
export const SECRET_BYTES = 20;
/** Long enough to install an app, scan, go back and come again; short enough that a forgotten key dies. */
export const ENROLLMENT_LIFETIME_MS = 30 * 60_000;

export const enrollmentContext = (userId: number) => `enrollment:${userId}`;

/** `issued`: there was none alive; `resumed`: the one already shown; `replaced`: the user asked for a new one. */
export type PendingOutcome = 'issued' | 'resumed' | 'replaced';

export interface PendingSecret {
  /** The caller zeroes it once the offer is built. */
  secret: Uint8Array;
  expiresAt: number;
  outcome: PendingOutcome;
}

/**
 * The one unconfirmed secret of a user: the stored one while it lives, so a reload or a second
 * visit shows the key already scanned; a new one when none lives or when `replace` is asked.
 */
export async function pendingSecret(
  db: Db,
  box: SecretBox,
  userId: number,
  now: number,
  replace: boolean,
): Promise<PendingSecret> {
  const context = enrollmentContext(userId);
  if (!replace) {
    const live = await readLive(db, userId, now);
    if (live) return { secret: box.open(live, context), expiresAt: live.expiresAt, outcome: 'resumed' };
  }
  const fresh = new Uint8Array(randomBytes(SECRET_BYTES));
  const sealed = box.seal(fresh, context);
  fresh.fill(0);
  const values = {
    key_id: sealed.keyId,
    secret_box: sealed.box,
    expires_at: now + ENROLLMENT_LIFETIME_MS,
    created_at: now,
  };
  await db
    .insertInto('enrollments')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => {
      const update = oc.column('user_id').doUpdateSet(values);
      // Two first visits at once: the later one keeps the key the earlier one stored and showed.
      return replace ? update : update.where('enrollments.expires_at', '<=', now);
    })
    .execute();
  // Read back what is stored, which is ours unless a concurrent start stored its key first.
  const stored = await readLive(db, userId, now);
  if (!stored) throw new Error('The pending enrollment vanished while it was being stored.');
  const mine = stored.box === sealed.box;
  return {
    secret: box.open(stored, context),
    expiresAt: stored.expiresAt,
    outcome: !mine ? 'resumed' : replace ? 'replaced' : 'issued',
  };
}

async function readLive(db: Db, userId: number, now: number) {
  const row = await db
    .selectFrom('enrollments')
    .select(['key_id', 'secret_box', 'expires_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { keyId: row.key_id, box: row.secret_box, expiresAt: row.expires_at };
}
