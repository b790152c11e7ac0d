import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordTooShort } from './password-length.ts';
import { passwordStrength } from './password-strength.ts';

describe('the password rules', () => {
  it('need at least 10 characters for a new password: 9 are refused, 10 accepted', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordTooShort('123456789')).toBe('Use at least 10 characters.');
    expect(passwordTooShort('1234567890')).toBe('');
  });

  it('count characters as typed, so a password of 10 emoji is 10 characters', () => {
    expect(passwordTooShort('🔑'.repeat(9))).toBe('Use at least 10 characters.');
    expect(passwordTooShort('🔑'.repeat(10))).toBe('');
  });
});

describe('the strength hint', () => {
  it.each([
    ['', 'empty'],
    ['short', 'too-short'],
    ['aaaaaaaaaaaa', 'weak'],
    ['password1234', 'weak'],
    ['qwertyuiop12', 'weak'],
    ['summer harbour', 'fair'],
    ['Correct horse 7 battery!', 'strong'],
    ['four random words here ok', 'strong'],
  ])('rates %j as %s', (password, level) => {
    expect(passwordStrength(password).level).toBe(level);
  });

  it('says what would make a weak password stronger', () => {
    expect(passwordStrength('abcdefghij').hint).toMatch(/longer|words/);
  });
});
