/**
 * The stored state of one e-mailed sign-in code: a plain record the verifier keeps in one database row
 * per user and replaces with a conditional write (`UPDATE … SET … WHERE user_id = ? AND version = ?`).
 *
 * ```
 * EmailCodeRecord {
 *   version:        number                        bumped on every change; the write condition
 *   salt:           string                        16 random bytes, hex; part of the keyed hash input
 *   codeHash:       string                        HMAC-SHA256(serverKey, salt ‖ code), 64 hex characters
 *   issuedAt:       number                        ms since the epoch; also the time of the last send
 *   expiresAt:      number                        issuedAt + validity (5 minutes); the code fails from this instant
 *   failedAttempts: number                        wrong codes entered against this code
 *   status:         'active' | 'used' | 'void'    void after too many wrong codes
 *   usedAt:         number | null                 when the code signed the user in
 *   sendTimes:      number[]                      send instants within the last hour, oldest first (overall cap)
 *   resendTimes:    number[]                      the Resends among them (Resend cap)
 * }
 * ```
 *
 * The code itself is never stored; without the server key the hash cannot be brute-forced offline.
 */
export interface EmailCodeRecord {
  readonly version: number;
  readonly salt: string;
  readonly codeHash: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly failedAttempts: number;
  readonly status: EmailCodeStatus;
  readonly usedAt: number | null;
  readonly sendTimes: readonly number[];
  readonly resendTimes: readonly number[];
}

export type EmailCodeStatus = 'active' | 'used' | 'void';

/** The rules for e-mailed codes; every field has the product default in {@link DEFAULT_EMAIL_CODE_POLICY}. */
export interface EmailCodePolicy {
  /** How long a code stays valid after it is sent. */
  readonly validityMs: number;
  /** Wrong codes that void the current code (the user must use Resend). */
  readonly maxAttempts: number;
  /** Minimum time between two sends for the same user. */
  readonly resendCooldownMs: number;
  /** Sends of any kind (sign-ins and Resends) allowed in any rolling hour: the guard against mail bombing. */
  readonly maxSendsPerHour: number;
  /** Resends allowed in any rolling hour; the first code of each sign-in does not count. */
  readonly maxResendsPerHour: number;
}

export const DEFAULT_EMAIL_CODE_POLICY: EmailCodePolicy = Object.freeze({
  validityMs: 5 * 60_000,
  maxAttempts: 10,
  resendCooldownMs: 60_000,
  // Resend is for a code that did not arrive or went stale, so 5 an hour is plenty, and it no longer
  // counts ordinary sign-ins. 20 sends an hour in all is more than anyone signs in, yet holds a mailbox
  // to one message every 3 minutes when someone who knows the password keeps signing in.
  maxSendsPerHour: 20,
  maxResendsPerHour: 5,
});

/** Number of digits in an e-mailed code. */
export const EMAIL_CODE_DIGITS = 6;

export const ONE_HOUR_MS = 60 * 60_000;
