import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spokenDuration } from './duration.ts';

describe('spoken durations', () => {
  it.each([
    [1, '1 second'],
    [0.2, '1 second'],
    [0, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [185, '3 minutes 5 seconds'],
    [3180, '53 minutes'],
    [3600, '1 hour'],
    [4201, '1 hour 11 minutes'],
    [7200, '2 hours'],
  ])('says %s s as "%s"', (seconds, words) => {
    expect(spokenDuration(seconds)).toBe(words);
  });

  it('never says less than the wait, and always in words a person reads', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 200_000, noNaN: true }), (seconds) => {
        const words = spokenDuration(seconds);
        expect(words).toMatch(/^(\d+ (hour|minute|second)s?)( \d+ (minute|second)s?)?$/);
        expect(words).not.toMatch(/\b1 \w+s\b/);
        const units: Record<string, number> = { hour: 3600, minute: 60, second: 1 };
        let said = 0;
        for (const [, n, unit] of words.matchAll(/(\d+) (hour|minute|second)/g))
          said += Number(n) * (units[unit as string] ?? 0);
        expect(said).toBeGreaterThanOrEqual(Math.max(1, Math.ceil(seconds)));
      }),
    );
  });
});
