import { describe, expect, it } from 'vitest';
import type { Rating } from './strength-estimator.ts';
import { StrengthRater } from './strength-rater.ts';

describe('rating the password being typed', () => {
  it('rates one password at a time and, of those typed meanwhile, only the newest', async () => {
    const rated: string[] = [];
    let last: Rating | undefined;
    const rater = new StrengthRater('en', (password, rating) => {
      rated.push(password);
      last = rating;
    });
    for (const typed of ['password12', 'password123', 'password1234', 'Correct horse 7 battery!'])
      rater.rate(typed);
    await expect.poll(() => rated.length).toBe(2);
    expect(rated).toEqual(['password12', 'Correct horse 7 battery!']);
    expect(last?.score).toBe(4);
    rater.close();
  });

  it('rates nothing once closed, as when the screen is left', async () => {
    const rated: string[] = [];
    const rater = new StrengthRater('en', (password) => rated.push(password));
    rater.rate('password12');
    rater.close();
    rater.rate('password123');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rated).toEqual([]);
  });
});
