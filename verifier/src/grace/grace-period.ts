/**
 * The grace period before two-factor sign-in becomes mandatory: it ends at the organisation's creation
 * date plus the grace days (60 by default), or at a later date an admin has set. Pure: the time is passed in.
 */

export const DEFAULT_GRACE_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_GRACE_DAYS = 3650;

export interface GraceSettings {
  readonly organisationCreatedAt: Date;
  /** Days after creation during which 2FA follows the admin's switches; default {@link DEFAULT_GRACE_DAYS}. */
  readonly graceDays?: number;
  /** End date set by an admin, replacing creation + grace days; null when never extended. */
  readonly extendedUntil: Date | null;
}

export interface GraceState {
  readonly endsAt: Date;
  /** Whole days left, rounded up (1 ms left counts as 1 day); 0 once the grace period is over. */
  readonly daysLeft: number;
  /** True from the instant `endsAt` is reached: every local sign-in needs a second factor. */
  readonly mandatory: boolean;
  readonly extended: boolean;
}

/** Thrown for malformed arguments (an invalid date, an impossible number of days). */
export class GraceArgumentError extends Error {
  override readonly name = 'GraceArgumentError';
}

export function assertDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new GraceArgumentError(`${name} must be a valid date.`);
  }
}

export function graceEnd(settings: GraceSettings): Date {
  assertDate(settings.organisationCreatedAt, 'organisationCreatedAt');
  if (settings.extendedUntil !== null) {
    assertDate(settings.extendedUntil, 'extendedUntil');
    return new Date(settings.extendedUntil.getTime());
  }
  const days = settings.graceDays ?? DEFAULT_GRACE_DAYS;
  if (!Number.isInteger(days) || days < 0 || days > MAX_GRACE_DAYS) {
    throw new GraceArgumentError(
      `graceDays must be a whole number from 0 to ${MAX_GRACE_DAYS}, got ${days}.`,
    );
  }
  return new Date(settings.organisationCreatedAt.getTime() + days * DAY_MS);
}

export function graceState(settings: GraceSettings, now: Date): GraceState {
  assertDate(now, 'now');
  const endsAt = graceEnd(settings);
  const remaining = endsAt.getTime() - now.getTime();
  return {
    endsAt,
    daysLeft: remaining > 0 ? Math.ceil(remaining / DAY_MS) : 0,
    mandatory: remaining <= 0,
    extended: settings.extendedUntil !== null,
  };
}

/** Whether a user signing in with this source must give a second factor regardless of the switches. */
export function mandatoryFor(source: 'local' | 'sso', state: GraceState): boolean {
  return state.mandatory && source === 'local';
}
