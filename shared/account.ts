import { OtpError, type OtpErrorReason } from './errors.ts';

/** The hash functions RFC 6238 §1.2 allows for the HMAC. */
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** `steam`: Steam Guard, TOTP with SHA-1 and 30 s whose code is 5 characters of Steam's alphabet. */
export type OtpType = 'totp' | 'hotp' | 'steam';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/**
 * One authenticator entry, as carried by an otpauth:// URI or a migration export.
 * `period` only matters for TOTP and `counter` only for HOTP; both are always present so
 * the shape is the same for every account (defaults: period 30, counter 0).
 */
export interface OtpAccount {
  type: OtpType;
  secret: Uint8Array;
  /** Service name; empty when unknown. */
  issuer: string;
  /** User's name at the service (the label after `Issuer:`). */
  account: string;
  algorithm: HashAlgorithm;
  digits: number;
  /** Time step in seconds. */
  period: number;
  /** Next HOTP counter value. */
  counter: number;
}

export const DEFAULT_ALGORITHM: HashAlgorithm = 'SHA1';
export const DEFAULT_DIGITS = 6;
export const DEFAULT_PERIOD = 30;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
export const MAX_PERIOD = 3600;
/** Steam Guard's fixed parameters: every Steam account has exactly these. */
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return value === 'SHA1' || value === 'SHA256' || value === 'SHA512';
}

export function isValidDigits(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_DIGITS && (value as number) <= MAX_DIGITS;
}

export function isValidPeriod(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_PERIOD;
}

/** Counters are JavaScript numbers, so anything above 2^53 - 1 would silently lose precision. */
export function isValidCounter(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function hasSurroundingSpace(text: string): boolean {
  return text !== text.trim();
}

/** Half of a UTF-16 surrogate pair on its own cannot be percent-encoded or written as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks the invariants every writer (URI, migration export) relies on, so that what is
 * written reads back as the same account. Throws OtpError('INVALID_ACCOUNT') naming the field.
 */
export function validateAccount(account: OtpAccount): void {
  const fail = (message: string, reason?: OtpErrorReason): never => {
    throw new OtpError('INVALID_ACCOUNT', message, reason && { reason });
  };
  if (account === null || typeof account !== 'object') fail('The account must be an object.');
  if (account.type !== 'totp' && account.type !== 'hotp' && account.type !== 'steam') {
    fail(`The account type must be "totp", "hotp" or "steam", not ${JSON.stringify(account.type)}.`);
  }
  if (!(account.secret instanceof Uint8Array) || account.secret.length === 0) {
    fail('The account secret must be a non-empty byte array.');
  }
  if (typeof account.issuer !== 'string') fail('The issuer must be a string (empty when unknown).');
  if (typeof account.account !== 'string' || account.account.length === 0) {
    fail('The account name must be a non-empty string.');
  }
  // The issuer ends at the label's first colon, so it cannot hold one; the name can (uri.ts).
  if (account.issuer.includes(':')) {
    fail(`The issuer "${account.issuer}" must not contain a colon.`, {
      kind: 'issuer-has-colon',
      issuer: account.issuer,
    });
  }
  if (LONE_SURROGATE.test(account.issuer) || LONE_SURROGATE.test(account.account)) {
    fail('The issuer or account name contains a broken character (an unpaired UTF-16 surrogate).', {
      kind: 'broken-character',
    });
  }
  if (hasSurroundingSpace(account.issuer) || hasSurroundingSpace(account.account)) {
    fail('The issuer and account name must not start or end with spaces.', { kind: 'surrounding-spaces' });
  }
  if (!isHashAlgorithm(account.algorithm)) {
    fail(`The algorithm must be SHA1, SHA256 or SHA512, not ${JSON.stringify(account.algorithm)}.`);
  }
  if (account.type === 'steam') {
    if (account.algorithm !== 'SHA1' || account.digits !== STEAM_DIGITS || account.period !== STEAM_PERIOD) {
      fail(`A Steam account has SHA1, ${STEAM_DIGITS} characters and ${STEAM_PERIOD} seconds, nothing else.`);
    }
  } else if (!isValidDigits(account.digits)) {
    const [digits, min, max] = [String(account.digits), String(MIN_DIGITS), String(MAX_DIGITS)];
    fail(`The number of digits must be ${min} to ${max}, not ${digits}.`, {
      kind: 'digits-out-of-range',
      digits,
      min,
      max,
    });
  }
  if (!isValidPeriod(account.period)) {
    const [period, max] = [String(account.period), String(MAX_PERIOD)];
    fail(`The period must be a whole number of seconds from 1 to ${max}, not ${period}.`, {
      kind: 'period-out-of-range',
      period,
      max,
    });
  }
  if (!isValidCounter(account.counter)) {
    const counter = String(account.counter);
    fail(`The counter must be a whole number from 0 to 2^53 - 1, not ${counter}.`, {
      kind: 'counter-out-of-range',
      counter,
    });
  }
}
