import type { Db, SettingsRow } from '../db/schema.ts';
import { effectiveSystemSwitch, type GraceState, graceState } from '../grace/index.ts';
import { endMovedMethods, type SettingsActor } from './method-moves.ts';

export type Method = 'totp' | 'email';

/** The settings as stored: `twoFactorEnabled` is the admin's own switch. */
export interface Settings {
  twoFactorEnabled: boolean;
  organisationName: string;
  verificationWindow: number;
  methods: Method[];
  organisationCreatedAt: string;
  graceDays: number;
  graceExtendedUntil: string | null;
  /** Days a remembered device skips the code (1-30); 0: off, no checkbox on the code page. */
  rememberDeviceDays: number;
}

export const MAX_VERIFICATION_WINDOW = 10;

function toSettings(row: SettingsRow): Settings {
  return {
    twoFactorEnabled: row.two_factor_enabled === 1,
    organisationName: row.organisation_name,
    verificationWindow: row.verification_window,
    methods: JSON.parse(row.methods) as Method[],
    organisationCreatedAt: new Date(row.created_at).toISOString(),
    graceDays: row.grace_days,
    graceExtendedUntil:
      row.grace_extended_until === null ? null : new Date(row.grace_extended_until).toISOString(),
    rememberDeviceDays: row.remember_device_days,
  };
}

export async function readSettings(db: Db): Promise<Settings> {
  const row = await db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return toSettings(row);
}

/** The stored settings columns the grace period is computed from. */
export type GraceColumns = Pick<SettingsRow, 'created_at' | 'grace_days' | 'grace_extended_until'>;

/** Where the grace period stands at `now` (ms since the epoch), from the stored columns. */
export function graceOfColumns(row: GraceColumns, now: number): GraceState {
  return graceState(
    {
      organisationCreatedAt: new Date(row.created_at),
      graceDays: row.grace_days,
      extendedUntil: row.grace_extended_until === null ? null : new Date(row.grace_extended_until),
    },
    new Date(now),
  );
}

/** Where the grace period stands at `now` (ms since the epoch). */
export function graceOf(settings: Settings, now: number): GraceState {
  return graceOfColumns(
    {
      created_at: Date.parse(settings.organisationCreatedAt),
      grace_days: settings.graceDays,
      grace_extended_until:
        settings.graceExtendedUntil === null ? null : Date.parse(settings.graceExtendedUntil),
    },
    now,
  );
}

/** What the 2FA rules need from the settings at one instant. */
export interface PolicySettings {
  /** The system switch as it acts: on once the grace period is over. */
  systemEnabled: boolean;
  mandatory: boolean;
  methods: Method[];
}

export function policySettings(settings: Settings, now: number): PolicySettings {
  const grace = graceOf(settings, now);
  return {
    systemEnabled: effectiveSystemSwitch(settings.twoFactorEnabled, grace).enabled,
    mandatory: grace.mandatory,
    methods: settings.methods,
  };
}

/**
 * The method a user's codes come by: their own while the settings allow it, else the first allowed
 * one. So removing e-mail moves its users back to the authenticator (they set it up at next sign-in),
 * and allowing only e-mail sends everyone codes by e-mail.
 */
export function effectiveMethod(userMethod: Method, methods: readonly Method[]): Method {
  return methods.includes(userMethod) ? userMethod : (methods[0] ?? 'totp');
}

/** Settings as the admin pages show them: the switch as it acts, and the grace period. */
export interface SettingsView extends Omit<Settings, 'graceDays' | 'graceExtendedUntil'> {
  /** True once 2FA is mandatory: the switch shows as on and can no longer be turned off. */
  twoFactorLocked: boolean;
  graceEndsAt: string;
  graceDaysLeft: number;
  graceExtended: boolean;
  mandatory: boolean;
}

export function settingsView(settings: Settings, now: number): SettingsView {
  const grace = graceOf(settings, now);
  const effective = effectiveSystemSwitch(settings.twoFactorEnabled, grace);
  const { graceDays: _days, graceExtendedUntil: _until, ...rest } = settings;
  return {
    ...rest,
    twoFactorEnabled: effective.enabled,
    twoFactorLocked: effective.locked,
    graceEndsAt: grace.endsAt.toISOString(),
    graceDaysLeft: grace.daysLeft,
    graceExtended: grace.extended,
    mandatory: grace.mandatory,
  };
}

export interface SettingsChange {
  twoFactorEnabled?: boolean;
  organisationName?: string;
  verificationWindow?: number;
  methods?: Method[];
  rememberDeviceDays?: number;
}

/**
 * Saves a change of the settings. A change of the allowed methods also ends, for each user whose
 * effective method it changes, what a method change ends (see method-moves.ts), in the same transaction.
 */
export async function updateSettings(db: Db, change: SettingsChange, by: SettingsActor): Promise<Settings> {
  const values: Partial<SettingsRow> = {};
  if (change.twoFactorEnabled !== undefined) values.two_factor_enabled = change.twoFactorEnabled ? 1 : 0;
  if (change.organisationName !== undefined) values.organisation_name = change.organisationName;
  if (change.verificationWindow !== undefined) values.verification_window = change.verificationWindow;
  if (change.methods !== undefined) values.methods = JSON.stringify([...new Set(change.methods)]);
  if (change.rememberDeviceDays !== undefined) values.remember_device_days = change.rememberDeviceDays;
  if (Object.keys(values).length > 0) {
    await db.transaction().execute(async (trx) => {
      const before = policySettings(await readSettings(trx), by.at);
      await trx.updateTable('settings').set(values).where('id', '=', 1).execute();
      if (change.methods !== undefined) await endMovedMethods(trx, before, change.methods, by);
    });
  }
  return readSettings(db);
}

/** Stores a later grace end (checked by the caller with checkGraceExtension). */
export async function extendGrace(db: Db, until: Date): Promise<Settings> {
  await db
    .updateTable('settings')
    .set({ grace_extended_until: until.getTime() })
    .where('id', '=', 1)
    .execute();
  return readSettings(db);
}
