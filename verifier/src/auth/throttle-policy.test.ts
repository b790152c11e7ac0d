import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADDRESS_FREE_FAILURES,
  ADDRESS_MAX_DELAY_MS,
  delayAfterAddressFailures,
  delayAfterFailures,
  FREE_FAILURES,
  LOCK_AFTER_CODE_FAILURES,
  MAX_DELAY_MS,
} from './throttle-policy.ts';

describe('per-account delay', () => {
  it('costs nothing for the first few mistakes', () => {
    for (let n = 0; n <= FREE_FAILURES; n++) expect(delayAfterFailures(n)).toBe(0);
    expect(delayAfterFailures(FREE_FAILURES + 1)).toBe(1000);
    expect(delayAfterFailures(FREE_FAILURES + 2)).toBe(2000);
  });

  it('never shrinks as failures grow and never exceeds five minutes', () => {
    fc.assert(
      fc.property(fc.nat(10_000), (n) => {
        expect(delayAfterFailures(n + 1)).toBeGreaterThanOrEqual(delayAfterFailures(n));
        expect(delayAfterFailures(n)).toBeLessThanOrEqual(MAX_DELAY_MS);
      }),
    );
  });

  it('spreads the 100 failures that lock an account over more than six hours', () => {
    let total = 0;
    for (let n = 1; n < LOCK_AFTER_CODE_FAILURES; n++) total += delayAfterFailures(n);
    expect(total).toBeGreaterThan(6 * 60 * 60_000);
  });

  it('gives a shared address more free failures and a shorter cap than one account', () => {
    expect(delayAfterAddressFailures(ADDRESS_FREE_FAILURES)).toBe(0);
    expect(delayAfterAddressFailures(ADDRESS_FREE_FAILURES + 1)).toBe(1000);
    fc.assert(fc.property(fc.nat(10_000), (n) => delayAfterAddressFailures(n) <= ADDRESS_MAX_DELAY_MS));
    expect(ADDRESS_MAX_DELAY_MS).toBeLessThan(MAX_DELAY_MS);
  });
});
