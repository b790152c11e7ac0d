import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meaningOf, wordsOf } from './keywords.ts';

describe('reading what a field name means', () => {
  it('splits camelCase, snake_case, kebab-case and spaces alike', () => {
    for (const text of ['otpCode', 'otp_code', 'otp-code', 'OTP code']) {
      expect(wordsOf(text)).toEqual(expect.arrayContaining(['otp', 'code']));
    }
    expect(wordsOf('one time code')).toContain('onetime');
  });

  it('never reads a postal, coupon or captcha code as the one-time code, whatever else the name says', () => {
    const part = fc.constantFrom('otp', 'code', 'verification', 'security', 'pin', 'x', '2', '');
    const ignored = fc.constantFrom('postal', 'zip', 'coupon', 'promo', 'captcha', 'voucher');
    const separator = fc.constantFrom('_', '-', ' ', '');
    fc.assert(
      fc.property(fc.array(part), ignored, fc.array(part), separator, (before, word, after, sep) => {
        const text = [...before, word, ...after].join(sep === '' ? ' ' : sep);
        expect(meaningOf(text)).toBe('other-code');
      }),
    );
  });

  it('reads any text without throwing, and words are lower-case letters and digits', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(['code', 'other-code', 'none']).toContain(meaningOf(text));
        for (const word of wordsOf(text)) expect(word).toMatch(/^[a-z0-9]+$/);
      }),
    );
  });
});
