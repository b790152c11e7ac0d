import type { HashAlgorithm } from './account.ts';
import { constantTimeEqual } from './internal/constant-time.ts';
import { CounterHmac, truncatedOnce } from './internal/hmac.ts';
import {
  checkAlgorithm,
  checkCounter,
  checkDigits,
  checkSecret,
  checkWindow,
  isWellFormedToken,
} from './internal/options.ts';

export interface HotpOptions {
  secret: Uint8Array;
  /** Moving factor, 0 to 2^53 - 1. */
  counter: number;
  algorithm?: HashAlgorithm;
  /** 6 (default) to 8. */
  digits?: number;
}

export interface VerifyHotpOptions extends HotpOptions {
  /** The code the user typed. Anything other than exactly `digits` ASCII digits never matches. */
  token: string;
  /** How many counter values after `counter` are also tried (RFC 4226 §7.4 look-ahead). Default 5. */
  window?: number;
}

export const DEFAULT_HOTP_WINDOW = 5;

const POWERS_OF_TEN = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

/** Formats a truncated HMAC value as exactly `digits` decimal digits (RFC 4226 §5.3 step 3). */
export function formatCode(truncated: number, digits: number): string {
  return String(truncated % (POWERS_OF_TEN[digits] as number)).padStart(digits, '0');
}

/**
 * True when the code for `truncated` is `token`, compared in constant time: a code is a secret.
 * Both sides are spelled as ASCII digit bytes by hand (no encoder call per candidate); a token
 * that is not `digits` ASCII digits never matches, and its shape is the caller's own input.
 */
export function codeMatches(truncated: number, digits: number, token: string): boolean {
  if (!isWellFormedToken(token, digits)) return false;
  const expected = new Uint8Array(digits);
  const typed = new Uint8Array(digits);
  let value = truncated % (POWERS_OF_TEN[digits] as number);
  for (let i = digits - 1; i >= 0; i--) {
    expected[i] = 48 + (value % 10);
    value = Math.floor(value / 10);
    typed[i] = token.charCodeAt(i);
  }
  const same = constantTimeEqual(expected, typed);
  expected.fill(0);
  return same;
}

/** RFC 4226 HOTP value for one counter. */
export function hotp(options: HotpOptions): string {
  const secret = checkSecret(options.secret);
  const counter = checkCounter(options.counter);
  const algorithm = checkAlgorithm(options.algorithm);
  const digits = checkDigits(options.digits);
  return formatCode(truncatedOnce(algorithm, secret, counter), digits);
}

/**
 * Checks `token` against the counters `counter`, `counter + 1`, ... `counter + window` in that
 * order, each compared in constant time. Returns the offset of the first match (the caller
 * stores `counter + offset + 1` as the next counter, RFC 4226 §7.2) or `null`.
 */
export function verifyHotp(options: VerifyHotpOptions): number | null {
  const secret = checkSecret(options.secret);
  const counter = checkCounter(options.counter);
  const algorithm = checkAlgorithm(options.algorithm);
  const digits = checkDigits(options.digits);
  const window = checkWindow(options.window, DEFAULT_HOTP_WINDOW);
  checkCounter(counter + window);
  const token = options.token;
  if (!isWellFormedToken(token, digits)) return null;
  const mac = new CounterHmac(algorithm, secret);
  try {
    for (let offset = 0; offset <= window; offset++) {
      if (codeMatches(mac.truncated(counter + offset), digits, token)) return offset;
    }
    return null;
  } finally {
    mac.destroy();
  }
}
