import {
  type ExistingUser,
  type ImportGroup,
  type ImportPlan,
  planImportFromCsv,
  type RowError,
} from '../src/users-csv/index.ts';

/** Shared by the users CSV tests: the groups and users a small installation has. */
export const groups: ImportGroup[] = [
  { id: 1, name: 'Admin', twoFactorEnabled: true },
  { id: 2, name: 'Agent', twoFactorEnabled: true },
  { id: 5, name: 'Night, "late" shift', twoFactorEnabled: true },
  { id: 6, name: 'Contractors', twoFactorEnabled: false },
];

export const existing: ExistingUser[] = [
  {
    id: 10,
    username: 'ana',
    email: 'ana@example.org',
    displayName: 'Ana Lima',
    groupId: 1,
    source: 'local',
    twoFactorEnabled: true,
  },
  {
    id: 11,
    username: 'bo',
    email: 'bo@example.org',
    displayName: 'Bo',
    groupId: 2,
    source: 'local',
    twoFactorEnabled: false,
  },
];

export const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

export async function plan(csv: string, users = existing): Promise<ImportPlan> {
  const result = await planImportFromCsv(csv, users, groups);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.plan;
}

export async function errors(csv: string | Uint8Array): Promise<RowError[]> {
  const result = await planImportFromCsv(csv, existing, groups);
  if (result.ok || !('errors' in result)) throw new Error('expected the file to be refused row by row');
  return [...result.errors];
}
