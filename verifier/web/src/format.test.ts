import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeDetail, endOfDay, groupForReading, maskAddress, onlyDigits, startOfDay } from './format.ts';

describe('maskAddress', () => {
  it.each([
    ['erin@example.com', 'e…@example.com'],
    ['e@example.com', 'e…@example.com'],
    ['no-at-sign', 'n…'],
    ['', ''],
  ])('shows %s as %s', (address, shown) => {
    expect(maskAddress(address)).toBe(shown);
  });
});

describe('onlyDigits', () => {
  it('keeps the digits of a pasted code with spaces or a dash', () => {
    expect(onlyDigits('123 456', 6)).toBe('123456');
    expect(onlyDigits('123-456', 6)).toBe('123456');
  });

  it('never returns anything but digits, at most the limit, in the order typed', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 10 }), (text, max) => {
        const kept = onlyDigits(text, max);
        expect(kept).toMatch(/^\d*$/);
        expect(kept.length).toBeLessThanOrEqual(max);
        expect(text.replace(/\D/g, '').startsWith(kept)).toBe(true);
      }),
    );
  });
});

describe('groupForReading', () => {
  it('splits a setup key into groups of four', () => {
    expect(groupForReading('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    );
    expect(groupForReading('ABCDEF')).toBe('ABCD EF');
  });

  it('loses and adds no character of the key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{0,64}$/), (secret) => {
        const grouped = groupForReading(secret);
        expect(grouped.replaceAll(' ', '')).toBe(secret);
        for (const group of grouped.split(' ').filter(Boolean)) expect(group.length).toBeLessThanOrEqual(4);
      }),
    );
  });
});

describe('audit date filters', () => {
  it('cover the whole of the chosen local days', () => {
    const from = new Date(startOfDay('2026-03-01') as string);
    const to = new Date(endOfDay('2026-03-01') as string);
    expect(from.getHours()).toBe(0);
    expect(to.getTime() - from.getTime()).toBe(24 * 3600 * 1000 - 1);
  });

  it('leave an empty or impossible date out of the filter', () => {
    expect(startOfDay('')).toBeUndefined();
    expect(endOfDay('not a date')).toBeUndefined();
  });
});

describe('describeDetail', () => {
  it('shows an object detail as key: value pairs', () => {
    expect(describeDetail({ field: 'twoFactorEnabled', to: false })).toBe(
      'field: twoFactorEnabled, to: false',
    );
    expect(describeDetail(null)).toBe('');
    expect(describeDetail('plain')).toBe('plain');
  });
});
