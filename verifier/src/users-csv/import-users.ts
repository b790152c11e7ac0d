import type { Updateable } from 'kysely';
import { requireAnAdminLeft } from '../accounts/admin-remains.ts';
import {
  actionsOfChange,
  applyEndings,
  endedDetail,
  endingsOf,
  noticesOf,
} from '../accounts/factor-endings.ts';
import { toGroup } from '../accounts/groups.ts';
import { refreshPendingSince } from '../accounts/pending-since.ts';
import { statusesById } from '../accounts/user-listing.ts';
import type { Db, UsersTable } from '../db/schema.ts';
import {
  type CsvInput,
  type ExistingUser,
  exportUsersCsv,
  type ImportGroup,
  type ImportLimit,
  type ImportPlan,
  parseUsersCsv,
  planImport,
  type RowError,
  type UserFields,
} from './index.ts';

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 500;

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function currentUsersAndGroups(db: Db) {
  const groupRows = await db.selectFrom('groups').selectAll().orderBy('id').execute();
  const groups: ImportGroup[] = groupRows.map(toGroup);
  const userRows = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'display_name', 'group_id', 'source', 'two_factor_enabled'])
    .orderBy('username')
    .execute();
  const users: ExistingUser[] = userRows.map((row) => ({
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    groupId: row.group_id,
    source: row.source,
    twoFactorEnabled: row.two_factor_enabled === 1,
  }));
  return { users, groups };
}

/** Every user as CSV: username, e-mail, display name, group, sign-in source and "2FA Enabled" y/n. */
export async function exportUsers(db: Db, now: number): Promise<{ csv: string; count: number }> {
  const { users, groups } = await currentUsersAndGroups(db);
  const names = new Map(groups.map((group) => [group.id, group.name]));
  const statuses = await statusesById(db, now);
  const csv = exportUsersCsv(
    users.map((user) => ({
      ...user,
      group: names.get(user.groupId) ?? '',
      twoFactorStatus: statuses.get(user.id) ?? '',
    })),
  );
  return { csv, count: users.length };
}

export type ImportResult =
  | { ok: false; errors: readonly RowError[] }
  | { ok: false; exceeded: ImportLimit }
  | {
      ok: true;
      applied: boolean;
      plan: ImportPlan;
      ignoredColumns: readonly string[];
      groupNames: Map<number, string>;
    };

export interface ImportAudit {
  at: number;
  actor: string;
  ip: string | null;
}

function columnsOf(set: Partial<UserFields>): Updateable<UsersTable> {
  const values: Updateable<UsersTable> = {};
  if (set.email !== undefined) values.email = set.email;
  if (set.displayName !== undefined) values.display_name = set.displayName;
  if (set.groupId !== undefined) values.group_id = set.groupId;
  if (set.source !== undefined) values.source = set.source;
  if (set.twoFactorEnabled !== undefined) values.two_factor_enabled = set.twoFactorEnabled ? 1 : 0;
  return values;
}

/**
 * Reads the file first, outside the transaction (a large file holds no connection while it is read),
 * then plans the import against the users as they are inside one transaction and, unless `dryRun`,
 * applies it there: a file over the limits or any invalid row rejects the whole file and nothing
 * changes. New users have no password (an admin sets one, or they sign in through SSO); users whose
 * 2FA switch the file turns on become Pending; turning it off is the lost-device reset, as on the Edit
 * user page (factor-endings.ts decides what ends). Every change is audited with what it ended.
 */
export async function importUsers(
  db: Db,
  csv: CsvInput,
  options: { dryRun: boolean; audit: ImportAudit },
): Promise<ImportResult> {
  const file = await parseUsersCsv(csv);
  if (!file.ok) return file;
  const { ignoredColumns } = file;
  return db.transaction().execute(async (trx) => {
    const { users, groups } = await currentUsersAndGroups(trx);
    const groupNames = new Map(groups.map((group) => [group.id, group.name]));
    const planned = planImport(file.rows, users, groups);
    if (!planned.ok) return { ok: false, errors: planned.errors };
    const { plan } = planned;
    if (options.dryRun) return { ok: true, applied: false, plan, ignoredColumns, groupNames };
    await applyPlan(trx, plan, options.audit);
    await requireAnAdminLeft(trx);
    await refreshPendingSince(trx, options.audit.at);
    return { ok: true, applied: true, plan, ignoredColumns, groupNames };
  });
}

/** The security e-mails an applied plan sends (a 2FA reset by turning the column off). */
export function importNotices(plan: ImportPlan) {
  return plan.updates.map((update) => ({
    userId: update.id,
    kinds: noticesOf(actionsOfChange(update.set)),
  }));
}

/** A plan's `set` holds only the fields that differ, so each is an action (the method is no CSV column). */
const endingsOfRow = (set: Partial<UserFields>) => endingsOf(actionsOfChange(set));

async function applyPlan(trx: Db, plan: ImportPlan, audit: ImportAudit): Promise<void> {
  for (const batch of chunks(plan.creates)) {
    await trx
      .insertInto('users')
      .values(
        batch.map(({ username, fields }) => ({
          username,
          email: fields.email,
          display_name: fields.displayName,
          password_hash: null,
          group_id: fields.groupId,
          source: fields.source,
          two_factor_enabled: fields.twoFactorEnabled ? 1 : 0,
          method: 'totp' as const,
          must_change_password: 0,
          code_failures: 0,
          locked_at: null,
          created_at: audit.at,
        })),
      )
      .execute();
  }
  // Bulk edits mostly change the same field the same way (the 2FA column): one statement per kind.
  const byChange = new Map<string, { set: Partial<UserFields>; ids: number[] }>();
  for (const update of plan.updates) {
    const key = JSON.stringify(update.set);
    const entry = byChange.get(key) ?? { set: update.set, ids: [] };
    entry.ids.push(update.id);
    byChange.set(key, entry);
  }
  for (const { set, ids } of byChange.values()) {
    for (const batch of chunks(ids)) {
      await trx.updateTable('users').set(columnsOf(set)).where('id', 'in', batch).execute();
      await applyEndings(trx, batch, endingsOfRow(set));
    }
  }
  const entries = [
    ...plan.creates.map((c) => ({
      event: 'user.created',
      target: c.username,
      detail: { via: 'import', row: c.row },
    })),
    ...plan.updates.map((u) => ({
      event: 'user.updated',
      target: u.username,
      detail: {
        via: 'import',
        row: u.row,
        fields: u.changes.map((change) => change.field),
        ...endedDetail(endingsOfRow(u.set)),
      },
    })),
    {
      event: 'users.imported',
      target: null,
      detail: {
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged.length,
      },
    },
  ];
  for (const batch of chunks(entries)) {
    await trx
      .insertInto('audit_log')
      .values(
        batch.map((entry) => ({
          at: audit.at,
          actor: audit.actor,
          event: entry.event,
          target: entry.target,
          ip: audit.ip,
          detail: JSON.stringify(entry.detail),
        })),
      )
      .execute();
  }
}
