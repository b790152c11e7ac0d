import type { HashAlgorithm } from './account.ts';
import { OtpError } from './errors.ts';
import { codeMatches, formatCode } from './hotp.ts';
import { CounterHmac, truncatedOnce } from './internal/hmac.ts';
import {
  checkAlgorithm,
  checkCounter,
  checkDigits,
  checkPeriod,
  checkSecret,
  checkWindow,
  isWellFormedToken,
} from './internal/options.ts';

export interface TotpOptions {
  secret: Uint8Array;
  /** Current time in milliseconds since the Unix epoch (the caller's clock, e.g. `Date.now()`). */
  time: number;
  /** Time step X in seconds (RFC 6238 §4.1), 1 to 3600, default 30. */
  period?: number;
  /** T0, the Unix time in seconds at which step 0 starts (RFC 6238 §4.1), default 0. */
  t0?: number;
  algorithm?: HashAlgorithm;
  /** 6 (default) to 8. */
  digits?: number;
}

export interface VerifyTotpOptions extends TotpOptions {
  /** The code the user typed. Anything other than exactly `digits` ASCII digits never matches. */
  token: string;
  /** Steps accepted on each side of the current one, to absorb clock drift. Default 1. */
  window?: number;
}

export const DEFAULT_TOTP_WINDOW = 1;

/** RFC 6238 §4.2: T = floor((now - T0) / X). Rejects times before T0 instead of using a negative counter. */
export function timeStep(options: Pick<TotpOptions, 'time' | 'period' | 't0'>): number {
  const { time } = options;
  const period = checkPeriod(options.period);
  const t0 = options.t0 ?? 0;
  if (!Number.isFinite(time)) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The time must be a finite number of milliseconds, not ${String(time)}.`,
    );
  }
  if (!Number.isSafeInteger(t0) || t0 < 0) {
    throw new OtpError('INVALID_ARGUMENT', `T0 must be a whole number of seconds from 0, not ${String(t0)}.`);
  }
  const step = Math.floor((time - t0 * 1000) / (period * 1000));
  if (step < 0) {
    throw new OtpError('INVALID_ARGUMENT', 'The time is before T0, so it has no time step; check the clock.');
  }
  if (!Number.isSafeInteger(step)) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The time ${time} ms is too far in the future to count steps exactly.`,
    );
  }
  return step;
}

/** RFC 6238 TOTP value at `time`. */
export function totp(options: TotpOptions): string {
  const secret = checkSecret(options.secret);
  const step = timeStep(options);
  const algorithm = checkAlgorithm(options.algorithm);
  const digits = checkDigits(options.digits);
  return formatCode(truncatedOnce(algorithm, secret, step), digits);
}

/**
 * Checks `token` against the steps from `-window` to `+window` around `time`, nearest first
 * (0, -1, +1, -2, ...), each compared in constant time, and returns the offset of the first
 * match or `null`. Steps before T0 are skipped. The running time depends on which step
 * matched, never on how many digits of a wrong code were right.
 */
export function verifyTotp(options: VerifyTotpOptions): number | null {
  const secret = checkSecret(options.secret);
  const step = timeStep(options);
  const algorithm = checkAlgorithm(options.algorithm);
  const digits = checkDigits(options.digits);
  const window = checkWindow(options.window, DEFAULT_TOTP_WINDOW);
  checkCounter(step + window);
  const token = options.token;
  if (!isWellFormedToken(token, digits)) return null;
  const mac = new CounterHmac(algorithm, secret);
  try {
    // Candidate k of 0..2w is offset 0, -1, +1, -2, +2, ...
    for (let k = 0; k <= 2 * window; k++) {
      const offset = k % 2 === 1 ? -(k + 1) / 2 : k / 2;
      if (step + offset < 0) continue;
      if (codeMatches(mac.truncated(step + offset), digits, token)) return offset;
    }
    return null;
  } finally {
    mac.destroy();
  }
}
