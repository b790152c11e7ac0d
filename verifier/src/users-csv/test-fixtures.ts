import {
  type ExistingUser,
  type ImportGroup,
  type ImportPlan,
  planImportFromCsv,
  type RowError,
} from './index.ts';

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

export function plan(csv: string, users = existing): ImportPlan {
  const result = planImportFromCsv(csv, users, groups);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.plan;
}

export function errors(csv: string | Uint8Array): RowError[] {
  const result = planImportFromCsv(csv, existing, groups);
  if (result.ok) throw new Error('expected the file to be refused');
  return [...result.errors];
}
