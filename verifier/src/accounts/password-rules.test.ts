import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, newPasswordProblem } from './password-rules.ts';

describe('a new password', () => {
  it('is refused one character short of the minimum, and accepted at it', () => {
    const short = 'a'.repeat(MIN_PASSWORD_LENGTH - 1);
    const enough = 'a'.repeat(MIN_PASSWORD_LENGTH);
    expect(newPasswordProblem(short, short)).toBe(
      `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    );
    expect(newPasswordProblem(enough, enough)).toBeNull();
  });

  it('is refused when the two typed copies differ', () => {
    expect(newPasswordProblem('correct horse battery', 'correct horse batery')).toBe(
      'The two passwords are not the same.',
    );
  });
});
