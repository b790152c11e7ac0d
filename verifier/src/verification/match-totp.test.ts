import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { totp } from '../../../shared/index.ts';
import { matchTotp, normaliseCode } from './match-totp.ts';

// RFC 6238 Appendix B SHA-1 seed.
const secret = new TextEncoder().encode('12345678901234567890');
const credential = { secret, algorithm: 'SHA1' as const, digits: 8, period: 30, drift: 0 };

describe('matching a TOTP code', () => {
  it('accepts the RFC 6238 test vector at T = 59 s and reports its time step', () => {
    expect(matchTotp(credential, '94287082', 59_000, 0)).toEqual({ step: 1, drift: 0 });
    expect(matchTotp(credential, '07081804', 1_111_111_109_000, 0)).toEqual({ step: 37_037_036, drift: 0 });
  });

  it('learns drift from the matched offset and searches around it next time', () => {
    const now = 1_111_111_109_000;
    const lateCode = totp({ secret, time: now - 60_000, digits: 8 });
    expect(matchTotp(credential, lateCode, now, 1)).toBeNull();
    expect(matchTotp({ ...credential, drift: -1 }, lateCode, now, 1)).toEqual({
      step: 37_037_034,
      drift: -2,
    });
  });

  it('removes spaces and dashes that people type into a code', () => {
    expect(normaliseCode(' 123 456 ')).toBe('123456');
    expect(normaliseCode('123-456')).toBe('123456');
    fc.assert(
      fc.property(fc.string(), (input) => {
        expect(normaliseCode(input)).not.toMatch(/[\s-]/);
        expect(normaliseCode(normaliseCode(input))).toBe(normaliseCode(input));
      }),
    );
  });
});
