import type { Clock } from '../clock.ts';
import type { Db } from '../db/schema.ts';
import type { Mailer } from '../mail/index.ts';

/** What sending and checking e-mailed codes needs from outside: the HTTP context and the CLI both give it. */
export interface EmailCodeDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** HMAC key for the stored hashes of the codes (derived from the master key). */
  emailCodeKey: Uint8Array;
}
