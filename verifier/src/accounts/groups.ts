import type { Db, GroupRow } from '../db/schema.ts';

export const DEFAULT_GROUPS = ['Admin', 'Agent', 'Analyst', 'Supervisor'] as const;
export const ADMIN_GROUP = 'Admin';

export interface Group {
  id: number;
  name: string;
  isDefault: boolean;
  twoFactorEnabled: boolean;
}

/** Default groups always allow 2FA (the per-user switch decides); custom ones follow their own switch. */
export function toGroup(row: Pick<GroupRow, 'id' | 'name' | 'is_default' | 'two_factor_enabled'>): Group {
  const isDefault = row.is_default === 1;
  return {
    id: row.id,
    name: row.name,
    isDefault,
    twoFactorEnabled: isDefault || row.two_factor_enabled === 1,
  };
}

export async function listGroups(db: Db): Promise<Array<Group & { memberCount: number }>> {
  const rows = await db
    .selectFrom('groups')
    .leftJoin('users', 'users.group_id', 'groups.id')
    .select(['groups.id', 'groups.name', 'groups.is_default', 'groups.two_factor_enabled'])
    .select((eb) => eb.fn.count<number | string>('users.id').as('member_count'))
    .groupBy(['groups.id', 'groups.name', 'groups.is_default', 'groups.two_factor_enabled'])
    .orderBy('groups.id')
    .execute();
  return rows.map((row) => ({ ...toGroup(row), memberCount: Number(row.member_count) }));
}

export async function findGroup(db: Db, id: number): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toGroup(row) : undefined;
}

export async function findGroupByName(db: Db, name: string): Promise<Group | undefined> {
  const row = await db.selectFrom('groups').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toGroup(row) : undefined;
}
