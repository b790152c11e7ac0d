import { describe, expect, it } from 'vitest';
import { CLOCK_MAX_CORRECTION_MS, offsetFromDateHeader, parseVerifierUrl } from './clock-check.ts';

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

  it('reports no offset where the one-second header and the round trip cannot tell one apart', () => {
    const server = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
    // A slow answer (2 s there and back) that puts the server 1.3 s ahead: within half a second
    // plus half the round trip, so nothing is corrected.
    const slow = offsetFromDateHeader('Mon, 23 Nov 2026 10:00:00 GMT', server - 1800, server + 200);
    expect(slow.offsetMs).toBe(0);
    // The same server answering at once: 1.7 s is more than the measurement's half second.
    const fast = offsetFromDateHeader('Mon, 23 Nov 2026 10:00:00 GMT', server - 1210, server - 1190);
    expect(fast.offsetMs).toBe(1700);
    expect(fast.correct).toBe(true);
  });

  it('rejects a Date header that is not a date, naming it', () => {
    expect(() => offsetFromDateHeader('soon', 0, 0)).toThrow('"soon" is not a valid HTTP date');
  });

  it('corrects a device up to 5 minutes off', () => {
    const server = Date.parse('Mon, 23 Nov 2026 10:05:00 GMT');
    const device = server - 4 * 60_000;
    const check = offsetFromDateHeader('Mon, 23 Nov 2026 10:05:00 GMT', device, device);
    expect(check.offsetMs).toBe(4 * 60_000 + 500);
    expect(check.correct).toBe(true);
  });

  it('warns but does not correct a difference beyond 5 minutes, either way', () => {
    const server = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');
    for (const device of [server - 5 * 60_000 - 1000, server + 5 * 60_000 + 1000]) {
      const check = offsetFromDateHeader('Mon, 23 Nov 2026 10:00:00 GMT', device, device);
      expect(Math.abs(check.offsetMs)).toBeGreaterThan(CLOCK_MAX_CORRECTION_MS);
      expect(check).toMatchObject({ warn: true, correct: false });
    }
  });

  it('accepts https verifier addresses', () => {
    expect(parseVerifierUrl(' https://verifier.example.com/x ').origin).toBe('https://verifier.example.com');
    expect(() => parseVerifierUrl('verifier.example.com')).toThrow(/full address/);
    expect(() => parseVerifierUrl('ftp://verifier.example.com')).toThrow(/https/);
  });

  it('refuses http:// addresses, whose Date header anyone on the network can change', () => {
    expect(() => parseVerifierUrl('http://verifier.example.com')).toThrow(
      /must start with https:\/\/.*anyone on the network/,
    );
    expect(() => parseVerifierUrl('http://10.0.0.5:8787')).toThrow(/https/);
    expect(() => parseVerifierUrl('http://localhost.example.com')).toThrow(/https/);
  });

  it('accepts http:// only for a verifier on this computer (its development server)', () => {
    expect(parseVerifierUrl('http://127.0.0.1:8787').origin).toBe('http://127.0.0.1:8787');
    expect(parseVerifierUrl('http://localhost:8787/').origin).toBe('http://localhost:8787');
    expect(parseVerifierUrl('http://[::1]:8787/').origin).toBe('http://[::1]:8787');
  });
});
