/** What an Argon2id derivation needs (RFC 9106), as sent to the worker that runs it. */
export interface Argon2idJob {
  password: Uint8Array;
  salt: Uint8Array;
  /** KiB */
  memorySize: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

/** The worker's answer: the key, or the message of what went wrong. */
export type Argon2idAnswer = { key: Uint8Array } | { error: string };
