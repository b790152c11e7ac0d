import type { Db, SettingsRow } from '../db/schema.ts';

export type Method = 'totp' | 'email';

export interface Settings {
  twoFactorEnabled: boolean;
  organisationName: string;
  verificationWindow: number;
  methods: Method[];
  organisationCreatedAt: string;
}

export const MAX_VERIFICATION_WINDOW = 10;

function toSettings(row: SettingsRow): Settings {
  return {
    twoFactorEnabled: row.two_factor_enabled === 1,
    organisationName: row.organisation_name,
    verificationWindow: row.verification_window,
    methods: JSON.parse(row.methods) as Method[],
    organisationCreatedAt: new Date(row.created_at).toISOString(),
  };
}

export async function readSettings(db: Db): Promise<Settings> {
  const row = await db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return toSettings(row);
}

export interface SettingsChange {
  twoFactorEnabled?: boolean;
  organisationName?: string;
  verificationWindow?: number;
  methods?: Method[];
}

export async function updateSettings(db: Db, change: SettingsChange): Promise<Settings> {
  const values: Partial<SettingsRow> = {};
  if (change.twoFactorEnabled !== undefined) values.two_factor_enabled = change.twoFactorEnabled ? 1 : 0;
  if (change.organisationName !== undefined) values.organisation_name = change.organisationName;
  if (change.verificationWindow !== undefined) values.verification_window = change.verificationWindow;
  if (change.methods !== undefined) values.methods = JSON.stringify([...new Set(change.methods)]);
  if (Object.keys(values).length > 0) {
    await db.updateTable('settings').set(values).where('id', '=', 1).execute();
  }
  return readSettings(db);
}
