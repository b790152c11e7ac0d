import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('constantTimeEqual', () => {
  it('is true for equal bytes, empty included', () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(bytes(), bytes())).toBe(true);
  });

  it('is false when only the first or only the last byte differs', () => {
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(0, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2, 4))).toBe(false);
  });

  it('is false for different lengths, a prefix or a zero-padded copy included', () => {
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2, 3), bytes(1, 2))).toBe(false);
    expect(constantTimeEqual(bytes(1, 2), bytes(1, 2, 0))).toBe(false);
    expect(constantTimeEqual(bytes(), bytes(0))).toBe(false);
  });

  it('agrees with plain comparison for any two byte arrays (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 8 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
        expect(constantTimeEqual(a, Uint8Array.from(a))).toBe(true);
      }),
    );
  });

  it('refuses anything but bytes with a TypeError naming the argument', () => {
    expect(() => constantTimeEqual('123456' as unknown as Uint8Array, bytes())).toThrow(
      new TypeError('constantTimeEqual: a must be a Uint8Array'),
    );
  });
});
