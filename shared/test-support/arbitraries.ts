/** fast-check generators shared by the tests of the shared core (not part of the public API). */
import fc from 'fast-check';
import type { OtpAccount } from '../account.ts';

/** Any account `validateAccount` accepts: what every writer must round-trip. */
export const validAccount: fc.Arbitrary<OtpAccount> = fc
  .record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    issuer: fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' })),
    // Often with a colon, which labels also use between issuer and name.
    account: fc.oneof(
      fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }),
      fc
        .tuple(fc.string({ maxLength: 12, unit: 'grapheme' }), fc.string({ maxLength: 12, unit: 'grapheme' }))
        .map(([before, after]) => `${before}:${after}`),
    ),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.integer({ min: 1, max: 3600 }),
    counter: fc.maxSafeNat(),
  })
  .map((account) => ({
    ...account,
    issuer: account.issuer.replaceAll(':', '').trim(),
    account: account.account.trim(),
    period: account.type === 'totp' ? account.period : 30,
    counter: account.type === 'hotp' ? account.counter : 0,
  }))
  .filter((account) => account.account !== '');

/** Accounts the export format can hold: 6 or 8 digits, 30-second period. */
export const exportableAccount: fc.Arbitrary<OtpAccount> = fc
  .tuple(validAccount, fc.constantFrom(6, 8))
  .map(([account, digits]) => ({ ...account, digits, period: 30 }));
