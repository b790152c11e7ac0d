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
  const dateOnly = DATE_ONLY.exec(trimmed);
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d) return date;
    throw new GraceArgumentError(`"${trimmed}" is not a calendar date.`);
  }
  if (DATE_TIME.test(trimmed)) {
    const date = new Date(trimmed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraceArgumentError(
    `"${trimmed}" is not a date; use YYYY-MM-DD (start of that day, UTC) or an ISO date-time such as 2026-03-01T12:00:00Z.`,
  );
}
