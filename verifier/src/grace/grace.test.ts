import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkGraceExtension,
  checkSystemSwitchChange,
  effectiveSystemSwitch,
  GraceArgumentError,
  type GraceSettings,
  graceState,
  mandatoryFor,
  parseGraceDate,
} from './index.ts';

const created = new Date('2026-01-10T08:30:00Z');
const defaultEnd = new Date('2026-03-11T08:30:00Z'); // created + 60 days
const settings: GraceSettings = { organisationCreatedAt: created, extendedUntil: null };

describe('grace period', () => {
  it('ends 60 days after the organisation was created by default', () => {
    expect(graceState(settings, created)).toEqual({
      endsAt: defaultEnd,
      daysLeft: 60,
      mandatory: false,
      extended: false,
    });
  });

  it('makes 2FA mandatory at exactly the end instant and not one millisecond before', () => {
    const before = graceState(settings, new Date(defaultEnd.getTime() - 1));
    expect(before).toMatchObject({ mandatory: false, daysLeft: 1 });
    expect(graceState(settings, defaultEnd)).toMatchObject({ mandatory: true, daysLeft: 0 });
    expect(graceState(settings, new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      mandatory: true,
      daysLeft: 0,
    });
  });

  it('counts days left rounded up', () => {
    expect(graceState(settings, new Date('2026-03-09T08:30:00Z')).daysLeft).toBe(2);
    expect(graceState(settings, new Date('2026-03-09T08:30:00.001Z')).daysLeft).toBe(2);
    expect(graceState(settings, new Date('2026-03-10T08:30:00.001Z')).daysLeft).toBe(1);
  });

  it('uses a custom number of grace days, including none at all', () => {
    expect(graceState({ ...settings, graceDays: 30 }, created).endsAt).toEqual(
      new Date('2026-02-09T08:30:00Z'),
    );
    expect(graceState({ ...settings, graceDays: 0 }, created).mandatory).toBe(true);
    expect(() => graceState({ ...settings, graceDays: 1.5 }, created)).toThrow(GraceArgumentError);
  });

  it('uses the end date an admin extended it to', () => {
    const extendedUntil = new Date('2026-06-01T00:00:00Z');
    const state = graceState({ ...settings, extendedUntil }, new Date('2026-04-01T00:00:00Z'));
    expect(state).toEqual({ endsAt: extendedUntil, daysLeft: 61, mandatory: false, extended: true });
  });

  it('never asks SSO users for a code, before or after the end', () => {
    const after = graceState(settings, defaultEnd);
    const during = graceState(settings, created);
    expect(mandatoryFor('sso', after)).toBe(false);
    expect(mandatoryFor('local', after)).toBe(true);
    expect(mandatoryFor('local', during)).toBe(false);
  });

  it('refuses an invalid current time', () => {
    expect(() => graceState(settings, new Date('nope'))).toThrow(/now must be a valid date/);
  });
});

describe('system switch across the grace end', () => {
  it("follows the admin's switch during the grace period", () => {
    const during = graceState(settings, created);
    expect(effectiveSystemSwitch(false, during)).toEqual({ enabled: false, locked: false });
    expect(effectiveSystemSwitch(true, during)).toEqual({ enabled: true, locked: false });
    expect(checkSystemSwitchChange(false, during)).toEqual({ ok: true });
  });

  it('shows as on and cannot be turned off once the grace period is over', () => {
    const after = graceState(settings, defaultEnd);
    expect(effectiveSystemSwitch(false, after)).toEqual({ enabled: true, locked: true });
    const refused = checkSystemSwitchChange(false, after);
    expect(refused).toMatchObject({ ok: false, code: 'two_factor_mandatory' });
    expect(refused.ok === false && refused.message).toContain('2026-03-11T08:30:00.000Z');
    expect(checkSystemSwitchChange(true, after)).toEqual({ ok: true });
  });
});

describe('extending the grace period', () => {
  const now = new Date('2026-03-01T00:00:00Z');

  it('accepts a future date later than the current end', () => {
    const to = new Date('2026-04-01T00:00:00Z');
    expect(checkGraceExtension(settings, to, now)).toEqual({ ok: true, extendedUntil: to });
  });

  it('reopens the grace period when extended after it ended', () => {
    const later = new Date('2026-05-01T00:00:00Z');
    const to = new Date('2026-06-01T00:00:00Z');
    const check = checkGraceExtension(settings, to, later);
    expect(check.ok).toBe(true);
    expect(graceState({ ...settings, extendedUntil: to }, later).mandatory).toBe(false);
  });

  it('refuses a date in the past or exactly now', () => {
    expect(checkGraceExtension(settings, now, now)).toMatchObject({
      ok: false,
      code: 'grace_end_not_in_future',
    });
    expect(checkGraceExtension(settings, new Date('2026-02-01T00:00:00Z'), now)).toMatchObject({
      ok: false,
      code: 'grace_end_not_in_future',
    });
  });

  it('refuses a future date that is not later than the current end, naming both dates', () => {
    const check = checkGraceExtension(settings, new Date('2026-03-05T00:00:00Z'), now);
    expect(check).toMatchObject({ ok: false, code: 'grace_end_not_later' });
    expect(check.ok === false && check.message).toMatch(/2026-03-05T00:00:00.000Z.*2026-03-11T08:30:00.000Z/);
    expect(checkGraceExtension(settings, defaultEnd, now).ok).toBe(false);
  });

  it('refuses a shorter end than an earlier extension', () => {
    const extended = { ...settings, extendedUntil: new Date('2026-07-01T00:00:00Z') };
    expect(checkGraceExtension(extended, new Date('2026-05-01T00:00:00Z'), now)).toMatchObject({
      code: 'grace_end_not_later',
    });
  });
});

describe('reading a grace end typed by an admin', () => {
  it('reads a plain date as the start of that day in UTC', () => {
    expect(parseGraceDate(' 2026-04-30 ')).toEqual(new Date('2026-04-30T00:00:00Z'));
  });

  it('reads an ISO date-time with a zone', () => {
    expect(parseGraceDate('2026-04-30T12:00:00+02:00')).toEqual(new Date('2026-04-30T10:00:00Z'));
  });

  it('refuses dates that do not exist and text that is not a date', () => {
    expect(() => parseGraceDate('2026-02-30')).toThrow(/not a calendar date/);
    expect(() => parseGraceDate('2026-02-30T10:00:00Z')).toThrow(/not a calendar date/);
    expect(() => parseGraceDate('next friday')).toThrow(/use YYYY-MM-DD/);
    expect(() => parseGraceDate('2026-04-30T12:00:00')).toThrow(GraceArgumentError);
  });

  it('either returns a valid date or throws its own error for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          expect(Number.isNaN(parseGraceDate(text).getTime())).toBe(false);
        } catch (error) {
          expect(error).toBeInstanceOf(GraceArgumentError);
        }
      }),
    );
  });
});
