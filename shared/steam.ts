import { STEAM_DIGITS, STEAM_PERIOD } from './account.ts';
import { truncatedOnce } from './internal/hmac.ts';
import { checkSecret } from './internal/options.ts';
import { timeStep } from './totp.ts';

/**
 * Steam Guard's code alphabet: digits and consonants without look-alikes (no 0, 1, A, E, I, L,
 * O, S, U, Z), as Steam's mobile app, Aegis and the Authenticator extension generate them.
 */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

export interface SteamOptions {
  secret: Uint8Array;
  /** Current time in milliseconds since the Unix epoch (the caller's clock). */
  time: number;
}

/**
 * Turns a 31-bit truncated HMAC value (RFC 4226 §5.3) into Steam's 5 characters: the least
 * significant base-26 digit first, each an index into STEAM_ALPHABET.
 */
export function formatSteamCode(truncated: number): string {
  let value = truncated;
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** The Steam Guard code at `time`: TOTP (SHA-1, 30 s) with the value spelled in Steam's alphabet. */
export function steamCode(options: SteamOptions): string {
  const secret = checkSecret(options.secret);
  const step = timeStep({ time: options.time, period: STEAM_PERIOD });
  return formatSteamCode(truncatedOnce('SHA1', secret, step));
}
