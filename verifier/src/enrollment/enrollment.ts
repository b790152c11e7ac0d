import { base32Encode, formatOtpauthUri, type OtpAccount } from '../../../shared/index.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Db } from '../db/schema.ts';
import { credentialContext } from '../verification/credentials.ts';
import { matchTotp } from '../verification/match-totp.ts';
import { enrollmentContext, type PendingOutcome, pendingSecret } from './pending-secret.ts';

const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

export interface EnrollmentOffer {
  uri: string;
  secret: string;
  issuer: string;
  account: string;
  digits: number;
  period: number;
  algorithm: 'SHA1';
  expiresAt: string;
}

/**
 * The otpauth URI and QR code of the user's pending secret: the same one on every reload while it
 * lives, a new one when `newKey` is asked (the key already scanned then stops working).
 */
export async function startEnrollment(
  db: Db,
  box: SecretBox,
  user: { id: number; username: string },
  issuer: string,
  now: number,
  newKey = false,
): Promise<{ offer: EnrollmentOffer; outcome: PendingOutcome }> {
  const { secret, expiresAt, outcome } = await pendingSecret(db, box, user.id, now, newKey);
  try {
    const account: OtpAccount = {
      type: 'totp',
      secret,
      issuer,
      account: user.username,
      counter: 0,
      ...PARAMETERS,
    };
    const uri = formatOtpauthUri(account);
    const offer = {
      uri,
      secret: base32Encode(secret).replace(/=+$/, ''),
      issuer,
      account: user.username,
      ...PARAMETERS,
      expiresAt: new Date(expiresAt).toISOString(),
    };
    return { offer, outcome };
  } finally {
    secret.fill(0);
  }
}

export type ConfirmOutcome = 'confirmed' | 'invalid' | 'expired';

/**
 * Stores the credential when `code` matches the pending secret. The drift and step seen here are
 * the credential's starting point, so the confirming code cannot be replayed at sign-in.
 */
export async function confirmEnrollment(
  db: Db,
  box: SecretBox,
  userId: number,
  code: string,
  window: number,
  now: number,
): Promise<ConfirmOutcome> {
  const row = await db.selectFrom('enrollments').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || row.expires_at <= now) {
    if (row) await db.deleteFrom('enrollments').where('user_id', '=', userId).execute();
    return 'expired';
  }
  const secret = box.open({ keyId: row.key_id, box: row.secret_box }, enrollmentContext(userId));
  try {
    const match = matchTotp({ secret, drift: 0, ...PARAMETERS }, code, now, window);
    if (!match) return 'invalid';
    const sealed = box.seal(secret, credentialContext(userId));
    const values = {
      key_id: sealed.keyId,
      secret_box: sealed.box,
      ...PARAMETERS,
      drift: match.drift,
      last_step: match.step,
      created_at: now,
    };
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('enrollments').where('user_id', '=', userId).execute();
      await trx
        .insertInto('credentials')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    });
    return 'confirmed';
  } finally {
    secret.fill(0);
  }
}
