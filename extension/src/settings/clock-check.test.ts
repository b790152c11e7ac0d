import { describe, expect, it } from 'vitest';
import { offsetFromDateHeader, parseVerifierUrl } from './clock-check.ts';

describe('checking the device clock against a server', () => {
  it('finds a device 20 seconds slow and warns about it', () => {
    const server = Date.parse('Mon, 23 Nov 2026 10:00:20 GMT');
    const device = server - 20_000;
    const check = offsetFromDateHeader('Mon, 23 Nov 2026 10:00:20 GMT', device, device + 100);
    expect(check.offsetMs).toBeGreaterThan(19_000);
    expect(check.offsetMs).toBeLessThan(21_000);
    expect(check.warn).toBe(true);
  });

  it('does not warn for a clock within a few seconds', () => {
    const server = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
    expect(offsetFromDateHeader('Mon, 23 Nov 2026 10:00:00 GMT', server + 3000, server + 3200).warn).toBe(
      false,
    );
  });

  it('rejects a Date header that is not a date, naming it', () => {
    expect(() => offsetFromDateHeader('soon', 0, 0)).toThrow('"soon" is not a valid HTTP date');
  });

  it('accepts only http and https verifier addresses', () => {
    expect(parseVerifierUrl(' https://verifier.example.com/x ').origin).toBe('https://verifier.example.com');
    expect(() => parseVerifierUrl('verifier.example.com')).toThrow(/full address/);
    expect(() => parseVerifierUrl('ftp://verifier.example.com')).toThrow(/https/);
  });
});
