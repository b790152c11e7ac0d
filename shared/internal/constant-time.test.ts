import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time.ts';

describe('constantTimeEqual', () => {
  it('is true only for identical strings', () => {
    expect(constantTimeEqual('123456', '123456')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('123456', '123457')).toBe(false);
    expect(constantTimeEqual('023456', '123456')).toBe(false);
  });

  it('is false for strings of different length, including a prefix', () => {
    expect(constantTimeEqual('12345', '123456')).toBe(false);
    expect(constantTimeEqual('1234567', '123456')).toBe(false);
  });
});
