import { createHmac } from 'node:crypto';

/** The most days an admin may let a remembered device skip the second factor. */
export const REMEMBER_DAYS_MAX = 30;

export const DAY_MS = 24 * 60 * 60_000;

/** Signs remembered-device tokens; apart from the throttling device cookie's purpose. */
export const REMEMBERED_PURPOSE = 'remembered-device';

/** What a remembered device is bound to: a change of any of these ends it. */
export interface BindingFacts {
  /** The stored argon2id hash: every new password has a new salt, so a new hash. */
  passwordHash: string | null;
  method: 'totp' | 'email';
  /** When the authenticator credential was stored (a new setup is a new credential). */
  credentialCreatedAt: number | null;
  /** The confirmed address of an e-mail user. */
  emailConfirmed: string | null;
}

/**
 * The password and credential "versions" of a user as one keyed hash. Kept beside the token's row and
 * compared on each use, so a password change, a new factor or a reset ends the device even on a path
 * that forgot to delete its row. Keyed, so the stored value says nothing about the password hash.
 */
export function bindingOf(key: Uint8Array, facts: BindingFacts): string {
  return createHmac('sha256', key)
    .update(
      [
        'remembered-binding',
        facts.passwordHash ?? '',
        facts.method,
        facts.credentialCreatedAt ?? '',
        facts.emailConfirmed ?? '',
      ].join('\0'),
    )
    .digest('hex');
}

/**
 * Until when a device remembered at `createdAt` skips the code under today's setting: the stored
 * expiry, shortened when the admin has since lowered the days (0: no device skips it any more).
 */
export function rememberedUntil(createdAt: number, storedExpiry: number, days: number): number {
  if (days <= 0) return createdAt;
  return Math.min(storedExpiry, createdAt + days * DAY_MS);
}
