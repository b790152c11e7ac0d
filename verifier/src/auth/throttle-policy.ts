/** Failures allowed before any delay applies, so a mistyped code or two costs nothing. */
export const FREE_FAILURES = 4;
/** Longest per-account delay: bounded so nobody is kept out for long by someone else's guesses. */
export const MAX_DELAY_MS = 5 * 60_000;
/** NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account. */
export const LOCK_AFTER_CODE_FAILURES = 100;
/** Wrong codes one sign-in challenge accepts before it is void. */
export const CHALLENGE_MAX_FAILURES = 10;

/** Delay after the n-th consecutive failure: none for the first few, then doubling from 1 s up to the cap. */
export function delayAfterFailures(failures: number, free = FREE_FAILURES, cap = MAX_DELAY_MS): number {
  if (failures <= free) return 0;
  const exponent = Math.min(failures - free - 1, 30);
  return Math.min(1000 * 2 ** exponent, cap);
}

/**
 * Per client address, against one password tried on many usernames (which no per-account delay
 * sees). Generous and short, because many honest people can share one address behind a NAT.
 */
export const ADDRESS_FREE_FAILURES = 20;
export const ADDRESS_MAX_DELAY_MS = 60_000;

export function delayAfterAddressFailures(failures: number): number {
  return delayAfterFailures(failures, ADDRESS_FREE_FAILURES, ADDRESS_MAX_DELAY_MS);
}
