import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordTooShort } from './password-length.ts';
import { passwordStrength } from './password-strength.ts';
import { type Estimator, loadEstimator } from './strength-estimator.ts';

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

describe('the strength hint', async () => {
  const english = await loadEstimator('en');
  const hintFor = (password: string, estimate: Estimator = english) =>
    passwordStrength(password, estimate(password));

  it('judges only the length until a rating has come', () => {
    expect(passwordStrength('short', null).level).toBe('too-short');
    expect(passwordStrength('Correct horse 7 battery!', null)).toEqual({ level: 'unrated', hint: '' });
  });

  it.each([
    ['', 'empty'],
    ['short', 'too-short'],
    ['aaaaaaaaaaaa', 'weak'],
    ['password1234', 'weak'],
    ['qwertyuiop12', 'weak'],
    ['Jennifer1990', 'weak'],
    ['summer harbour', 'fair'],
    ['Correct horse 7 battery!', 'strong'],
    ['four random words here ok', 'strong'],
    ['xkq7-Rv2p-Lm9w', 'strong'],
  ])('rates %j as %s', (password, level) => {
    expect(hintFor(password).level).toBe(level);
  });

  it('says a well-known password or word is one, and what would make a pattern stronger', () => {
    expect(hintFor('iloveyou2024').hint).toMatch(/^Weak: it is a well-known password/);
    expect(hintFor('abcdefghij').hint).toMatch(/^Weak: it repeats or follows a pattern/);
  });

  it('knows the words of the user’s language besides English', async () => {
    expect(hintFor('Kühlschrank99').level).toBe('strong');
    expect(hintFor('Kühlschrank99', await loadEstimator('de')).level).toBe('weak');
    expect(hintFor('murciélago12', await loadEstimator('es-419')).level).toBe('weak');
    expect(hintFor('grenouille2019', await loadEstimator('fr')).hint).toMatch(/well-known/);
  });
});
