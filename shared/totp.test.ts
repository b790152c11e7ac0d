import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from './account.ts';
import { OtpError } from './errors.ts';
import { hotp } from './hotp.ts';
import { timeStep, totp, verifyTotp } from './totp.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 6238 Appendix B seeds: the ASCII digits repeated to the hash's output length. */
const SEEDS: Record<HashAlgorithm, Uint8Array> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

/** RFC 6238 Appendix B: time (seconds), T in hex, and the 8-digit code per algorithm. */
const RFC6238_VECTORS = [
  { seconds: 59, step: 0x1, SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' },
  { seconds: 1111111109, step: 0x23523ec, SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' },
  { seconds: 1111111111, step: 0x23523ed, SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' },
  { seconds: 1234567890, step: 0x273ef07, SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' },
  { seconds: 2000000000, step: 0x3f940aa, SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' },
  { seconds: 20000000000, step: 0x27bc86aa, SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' },
] as const;

const ALGORITHMS: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

describe('totp', () => {
  const cases = RFC6238_VECTORS.flatMap((vector) =>
    ALGORITHMS.map((algorithm) => ({ algorithm, seconds: vector.seconds, code: vector[algorithm] })),
  );
  it.each(cases)(
    'produces the RFC 6238 Appendix B code $code with $algorithm at $seconds s',
    ({ algorithm, seconds, code }) => {
      expect(totp({ secret: SEEDS[algorithm], time: seconds * 1000, algorithm, digits: 8 })).toBe(code);
    },
  );

  it.each(RFC6238_VECTORS)(
    'counts time step $step at $seconds s as RFC 6238 Appendix B lists',
    ({ seconds, step }) => {
      expect(timeStep({ time: seconds * 1000 })).toBe(step);
    },
  );

  it('keeps the same code for the whole 30-second step and changes it at the boundary', () => {
    const secret = SEEDS.SHA1;
    const start = 1111111110 * 1000; // a multiple of 30 s
    const code = totp({ secret, time: start });
    expect(totp({ secret, time: start + 29_999 })).toBe(code);
    expect(totp({ secret, time: start + 30_000 })).not.toBe(code);
    expect(totp({ secret, time: start - 1 })).not.toBe(code);
  });

  it('counts steps of a custom period from a custom T0', () => {
    // T0 = 100 s, period 60 s: at 219.999 s we are in step 1, at 220 s in step 2.
    expect(timeStep({ time: 219_999, period: 60, t0: 100 })).toBe(1);
    expect(timeStep({ time: 220_000, period: 60, t0: 100 })).toBe(2);
    expect(totp({ secret: SEEDS.SHA1, time: 220_000, period: 60, t0: 100, digits: 8 })).toBe(
      hotp({ secret: SEEDS.SHA1, counter: 2, digits: 8 }),
    );
  });

  it('rejects times before T0, non-finite times and bad periods with a specific error', () => {
    expect(() => totp({ secret: SEEDS.SHA1, time: -1 })).toThrow(/before T0/);
    expect(() => totp({ secret: SEEDS.SHA1, time: 5_000, t0: 10 })).toThrow(/before T0/);
    expect(() => totp({ secret: SEEDS.SHA1, time: Number.NaN })).toThrow(/finite number of milliseconds/);
    expect(() => totp({ secret: SEEDS.SHA1, time: 0, period: 0 })).toThrow(/period must be a whole number/);
    expect(() => totp({ secret: SEEDS.SHA1, time: 0, period: 2.5 })).toThrow(OtpError);
    expect(() => totp({ secret: SEEDS.SHA1, time: 0, t0: -1 })).toThrow(/T0 must be/);
    expect(() => totp({ secret: SEEDS.SHA1, time: 1e300 })).toThrow(/too far in the future/);
  });
});

describe('verifyTotp', () => {
  const secret = SEEDS.SHA1;
  const now = 1_234_567_890_000;

  it('returns 0 for the current code', () => {
    expect(verifyTotp({ secret, time: now, token: totp({ secret, time: now }) })).toBe(0);
  });

  it('accepts a code from one step earlier or later by default and says which', () => {
    expect(verifyTotp({ secret, time: now, token: totp({ secret, time: now - 30_000 }) })).toBe(-1);
    expect(verifyTotp({ secret, time: now, token: totp({ secret, time: now + 30_000 }) })).toBe(1);
  });

  it('rejects a code two steps away unless the window is widened', () => {
    const token = totp({ secret, time: now - 60_000 });
    expect(verifyTotp({ secret, time: now, token })).toBeNull();
    expect(verifyTotp({ secret, time: now, token, window: 2 })).toBe(-2);
  });

  it('with window 0 accepts only the current step', () => {
    expect(
      verifyTotp({ secret, time: now, token: totp({ secret, time: now - 30_000 }), window: 0 }),
    ).toBeNull();
  });

  it('verifies 8-digit SHA-512 codes from the RFC at the listed time', () => {
    expect(
      verifyTotp({ secret: SEEDS.SHA512, algorithm: 'SHA512', digits: 8, time: 59_000, token: '90693936' }),
    ).toBe(0);
  });

  it('does not look at steps before T0 when the clock is near it', () => {
    const token = totp({ secret, time: 10_000 });
    expect(verifyTotp({ secret, time: 10_000, token, window: 3 })).toBe(0);
  });

  it.each(['28708', '2870822', 'abcdef', '28708x', '+87082', '-87082', '2.8708', '２８７０８２', ''])(
    'returns null, without throwing, for the malformed token %j',
    (token) => {
      expect(verifyTotp({ secret, time: now, token })).toBeNull();
    },
  );

  it('treats a token with the wrong number of digits for the account as wrong, not as an error', () => {
    const eight = totp({ secret, time: now, digits: 8 });
    expect(verifyTotp({ secret, time: now, token: eight })).toBeNull();
    expect(verifyTotp({ secret, time: now, token: eight, digits: 8 })).toBe(0);
  });

  it('accepts exactly the steps inside the window and nothing outside (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 70 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -6, max: 6 }),
        fc.constantFrom(...ALGORITHMS),
        fc.integer({ min: 6, max: 8 }),
        fc.constantFrom(15, 30, 60),
        (secret, time, window, shift, algorithm, digits, period) => {
          const step = Math.floor(time / (period * 1000));
          fc.pre(step + shift >= 0);
          const options = { secret, algorithm, digits, period };
          const token = totp({ ...options, time: time + shift * period * 1000 });
          const result = verifyTotp({ ...options, time, token, window });
          // Independently: the first of 0, -1, +1, -2, ... within the window with an equal code.
          let expected: number | null = null;
          for (const offset of [0, ...Array.from({ length: window }, (_, i) => [-(i + 1), i + 1]).flat()]) {
            if (expected !== null || step + offset < 0) continue;
            if (totp({ ...options, time: (step + offset) * period * 1000 }) === token) expected = offset;
          }
          expect(result).toBe(expected);
          if (Math.abs(shift) <= window) expect(result).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
