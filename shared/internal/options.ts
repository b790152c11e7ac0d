import {
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  type HashAlgorithm,
  isHashAlgorithm,
  isValidCounter,
  isValidDigits,
  isValidPeriod,
  MAX_DIGITS,
  MAX_PERIOD,
  MIN_DIGITS,
} from '../account.ts';
import { OtpError } from '../errors.ts';

/** More candidates than this per verification would make guessing cheap and the call slow. */
export const MAX_WINDOW = 100;

function invalid(message: string): never {
  throw new OtpError('INVALID_ARGUMENT', message);
}

export function checkSecret(secret: unknown): Uint8Array {
  if (!(secret instanceof Uint8Array)) invalid('The secret must be a Uint8Array (decode base32 text first).');
  if (secret.length === 0) invalid('The secret is empty.');
  return secret;
}

export function checkAlgorithm(algorithm: unknown): HashAlgorithm {
  if (algorithm === undefined) return DEFAULT_ALGORITHM;
  if (!isHashAlgorithm(algorithm)) {
    invalid(`The algorithm must be SHA1, SHA256 or SHA512, not ${JSON.stringify(algorithm)}.`);
  }
  return algorithm;
}

export function checkDigits(digits: unknown): number {
  if (digits === undefined) return DEFAULT_DIGITS;
  if (!isValidDigits(digits))
    invalid(`The number of digits must be ${MIN_DIGITS} to ${MAX_DIGITS}, not ${String(digits)}.`);
  return digits;
}

export function checkPeriod(period: unknown): number {
  if (period === undefined) return DEFAULT_PERIOD;
  if (!isValidPeriod(period)) {
    invalid(`The period must be a whole number of seconds from 1 to ${MAX_PERIOD}, not ${String(period)}.`);
  }
  return period;
}

export function checkCounter(counter: unknown): number {
  if (!isValidCounter(counter))
    invalid(`The counter must be a whole number from 0 to 2^53 - 1, not ${String(counter)}.`);
  return counter;
}

export function checkWindow(window: unknown, fallback: number): number {
  if (window === undefined) return fallback;
  if (!Number.isInteger(window) || (window as number) < 0 || (window as number) > MAX_WINDOW) {
    invalid(`The window must be a whole number of steps from 0 to ${MAX_WINDOW}, not ${String(window)}.`);
  }
  return window as number;
}

/** A token is acceptable input only when it is exactly `digits` ASCII digits. */
export function isWellFormedToken(token: unknown, digits: number): token is string {
  if (typeof token !== 'string' || token.length !== digits) return false;
  for (let i = 0; i < digits; i++) {
    const code = token.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
