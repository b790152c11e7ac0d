import { assertDate, GraceArgumentError, type GraceSettings, graceEnd } from './grace-period.ts';

export type GraceExtensionCheck =
  | { readonly ok: true; readonly extendedUntil: Date }
  | {
      readonly ok: false;
      readonly code: 'grace_end_not_in_future' | 'grace_end_not_later';
      readonly message: string;
    };

/** Checks an admin's new grace end: it must be in the future and later than the current end. */
export function checkGraceExtension(
  settings: GraceSettings,
  requestedEnd: Date,
  now: Date,
): GraceExtensionCheck {
  assertDate(requestedEnd, 'requestedEnd');
  assertDate(now, 'now');
  const current = graceEnd(settings);
  if (requestedEnd.getTime() <= now.getTime()) {
    return {
      ok: false,
      code: 'grace_end_not_in_future',
      message: `The new grace end ${requestedEnd.toISOString()} is not in the future; choose a later date.`,
    };
  }
  if (requestedEnd.getTime() <= current.getTime()) {
    return {
      ok: false,
      code: 'grace_end_not_later',
      message: `The new grace end ${requestedEnd.toISOString()} must be later than the current one, ${current.toISOString()}.`,
    };
  }
  return { ok: true, extendedUntil: new Date(requestedEnd.getTime()) };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a grace end typed by an admin (command line `--extend-to`, the settings form): `YYYY-MM-DD`,
 * meaning the start of that day in UTC, or a full ISO date-time with a zone.
 */
export function parseGraceDate(text: string): Date {
  const trimmed = String(text).trim();
  const calendarDay = calendarDate(trimmed.slice(0, 10));
  if (trimmed.length === 10 && calendarDay) return calendarDay;
  if (calendarDay && DATE_TIME.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  if (DATE_ONLY.test(trimmed.slice(0, 10)) && !calendarDay) {
    throw new GraceArgumentError(`"${trimmed.slice(0, 10)}" is not a calendar date.`);
  }
  throw new GraceArgumentError(
    `"${trimmed}" is not a date; use YYYY-MM-DD (start of that day, UTC) or an ISO date-time such as 2026-03-01T12:00:00Z.`,
  );
}

/** The UTC midnight of a `YYYY-MM-DD` text, or null when it is not a real day (2026-02-30). */
function calendarDate(text: string): Date | null {
  const match = DATE_ONLY.exec(text);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? date : null;
}
