import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OtpError } from './errors.ts';
import { hotp, verifyHotp } from './hotp.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4226 Appendix D: secret "12345678901234567890", counters 0-9. */
const RFC4226_SECRET = ascii('12345678901234567890');
const RFC4226_CODES = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('hotp', () => {
  it.each(RFC4226_CODES.map((code, counter) => ({ counter, code })))(
    'produces the RFC 4226 Appendix D code $code for counter $counter',
    ({ counter, code }) => {
      expect(hotp({ secret: RFC4226_SECRET, counter })).toBe(code);
    },
  );

  it('keeps leading zeros so the code always has the configured number of digits', () => {
    const codes = Array.from({ length: 200 }, (_, counter) => hotp({ secret: RFC4226_SECRET, counter }));
    expect(codes.every((code) => /^[0-9]{6}$/.test(code))).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });

  it('gives 7- and 8-digit codes that end with the 6-digit code of the same counter', () => {
    for (let counter = 0; counter < 10; counter++) {
      const six = hotp({ secret: RFC4226_SECRET, counter });
      expect(hotp({ secret: RFC4226_SECRET, counter, digits: 7 }).slice(-6)).toBe(six);
      expect(hotp({ secret: RFC4226_SECRET, counter, digits: 8 }).slice(-6)).toBe(six);
    }
  });

  it('accepts the largest exact counter and rejects counters above 2^53 - 1', () => {
    expect(hotp({ secret: RFC4226_SECRET, counter: Number.MAX_SAFE_INTEGER })).toMatch(/^[0-9]{6}$/);
    expect(() => hotp({ secret: RFC4226_SECRET, counter: 2 ** 53 })).toThrow(OtpError);
    expect(() => hotp({ secret: RFC4226_SECRET, counter: -1 })).toThrow(/counter must be a whole number/);
    expect(() => hotp({ secret: RFC4226_SECRET, counter: 1.5 })).toThrow(OtpError);
  });

  it('rejects digit counts outside 6 to 8, unknown algorithms and empty secrets with a specific error', () => {
    expect(() => hotp({ secret: RFC4226_SECRET, counter: 0, digits: 5 })).toThrow(
      /digits must be 6 to 8, not 5/,
    );
    expect(() => hotp({ secret: RFC4226_SECRET, counter: 0, digits: 9 })).toThrow(OtpError);
    expect(() => hotp({ secret: RFC4226_SECRET, counter: 0, algorithm: 'MD5' as never })).toThrow(
      /SHA1, SHA256 or SHA512/,
    );
    expect(() => hotp({ secret: new Uint8Array(0), counter: 0 })).toThrow(/secret is empty/);
    expect(() => hotp({ secret: 'JBSWY3DPEHPK3PXP' as never, counter: 0 })).toThrow(/must be a Uint8Array/);
  });

  it('reports bad input with the INVALID_ARGUMENT code', () => {
    try {
      hotp({ secret: RFC4226_SECRET, counter: -5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OtpError);
      expect((error as OtpError).code).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('verifyHotp', () => {
  it('returns 0 for the code of the stored counter', () => {
    expect(verifyHotp({ secret: RFC4226_SECRET, counter: 4, token: '338314' })).toBe(0);
  });

  it('finds a code from a token pressed ahead of the server within the look-ahead window', () => {
    expect(verifyHotp({ secret: RFC4226_SECRET, counter: 2, token: '254676', window: 3 })).toBe(3);
    expect(verifyHotp({ secret: RFC4226_SECRET, counter: 2, token: '254676', window: 2 })).toBeNull();
  });

  it('never accepts an already used code (a counter behind the stored one)', () => {
    expect(verifyHotp({ secret: RFC4226_SECRET, counter: 5, token: '338314', window: 9 })).toBeNull();
  });

  it.each(['33831', '3383145', '33831a', ' 338314', '338314 ', '３３８３１４', '', '33 8314'])(
    'returns null, without throwing, for the malformed token %j',
    (token) => {
      expect(verifyHotp({ secret: RFC4226_SECRET, counter: 4, token })).toBeNull();
    },
  );

  it('returns null for a token that is not a string at all', () => {
    expect(verifyHotp({ secret: RFC4226_SECRET, counter: 4, token: 338314 as never })).toBeNull();
  });

  it('rejects windows that would make guessing cheap', () => {
    expect(() => verifyHotp({ secret: RFC4226_SECRET, counter: 0, token: '755224', window: 101 })).toThrow(
      /window must be a whole number of steps from 0 to 100/,
    );
    expect(() => verifyHotp({ secret: RFC4226_SECRET, counter: 0, token: '755224', window: -1 })).toThrow(
      OtpError,
    );
  });

  it('refuses the code with any one digit changed, whichever position (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 6, max: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (secret, counter, digits, at, shift) => {
          const token = hotp({ secret, counter, digits });
          const position = at % digits;
          const changed = String((Number(token[position]) + shift) % 10);
          const wrong = token.slice(0, position) + changed + token.slice(position + 1);
          expect(verifyHotp({ secret, counter, token: wrong, window: 0, digits })).toBeNull();
          expect(verifyHotp({ secret, counter, token, window: 0, digits })).toBe(0);
        },
      ),
    );
  });

  it('accepts exactly the counters inside the look-ahead window (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 70 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -3, max: 8 }),
        fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
        fc.integer({ min: 6, max: 8 }),
        (secret, counter, window, shift, algorithm, digits) => {
          fc.pre(counter + shift >= 0);
          const token = hotp({ secret, counter: counter + shift, algorithm, digits });
          const result = verifyHotp({ secret, counter, token, window, algorithm, digits });
          // The first offset 0..window whose code equals the token, computed independently.
          let expected: number | null = null;
          for (let offset = 0; offset <= window && expected === null; offset++) {
            if (hotp({ secret, counter: counter + offset, algorithm, digits }) === token) expected = offset;
          }
          expect(result).toBe(expected);
          if (shift >= 0 && shift <= window) expect(result).not.toBeNull();
        },
      ),
    );
  });
});
