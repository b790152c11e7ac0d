import type { ColumnKey, CsvUserRow, RowError, SignInSource } from './columns.ts';
import {
  checkDisplayName,
  checkEmail,
  checkSource,
  checkUsername,
  checkYesNo,
  type FieldCheck,
} from './fields.ts';
import { parseUsersCsv } from './parse.ts';

export interface ExistingUser<UserId = number, GroupId = number> {
  readonly id: UserId;
  readonly username: string;
  readonly email: string;
  readonly displayName: string;
  readonly groupId: GroupId;
  readonly source: SignInSource;
  readonly twoFactorEnabled: boolean;
}

export interface ImportGroup<GroupId = number> {
  readonly id: GroupId;
  readonly name: string;
  /** Whether members may have the per-user 2FA switch on (always true for the default groups). */
  readonly twoFactorEnabled: boolean;
}

export interface UserFields<GroupId = number> {
  readonly email: string;
  readonly displayName: string;
  readonly groupId: GroupId;
  readonly source: SignInSource;
  readonly twoFactorEnabled: boolean;
}

export type ChangedField = 'email' | 'displayName' | 'group' | 'source' | 'twoFactorEnabled';

/** One field as the preview shows it; groups by name. */
export interface FieldChange {
  readonly field: ChangedField;
  readonly from: string | boolean;
  readonly to: string | boolean;
}

export interface PlannedCreate<GroupId = number> {
  readonly row: number;
  /** Lower-case, as usernames are stored. */
  readonly username: string;
  readonly fields: UserFields<GroupId>;
}

export interface PlannedUpdate<UserId = number, GroupId = number> {
  readonly row: number;
  readonly id: UserId;
  /** As stored (the file may spell it in another case). */
  readonly username: string;
  readonly changes: readonly FieldChange[];
  /** Only the fields that change, ready for the update statement. */
  readonly set: Partial<UserFields<GroupId>>;
}

export interface PlannedUnchanged<UserId = number> {
  readonly row: number;
  readonly id: UserId;
  readonly username: string;
}

export interface ImportPlan<UserId = number, GroupId = number> {
  readonly creates: readonly PlannedCreate<GroupId>[];
  readonly updates: readonly PlannedUpdate<UserId, GroupId>[];
  readonly unchanged: readonly PlannedUnchanged<UserId>[];
}

export type ImportPlanResult<UserId = number, GroupId = number> =
  | { readonly ok: true; readonly plan: ImportPlan<UserId, GroupId> }
  | { readonly ok: false; readonly errors: readonly RowError[] };

/** Usernames match whatever their case, so "Ana" in the file updates the stored "ana". */
const key = (username: string): string => username.toLowerCase();

function collect<T>(row: number, column: ColumnKey, check: FieldCheck<T>, errors: RowError[]): T | undefined {
  if (check.ok) return check.value;
  errors.push({ row, column, reason: check.reason });
  return undefined;
}

/**
 * Decides what importing the rows would do, without doing it: either every problem found (row and
 * reason; then nothing may change) or the creates, updates (field by field) and unchanged users, for the
 * dry-run preview and for applying in one transaction.
 */
export function planImport<UserId, GroupId>(
  rows: readonly CsvUserRow[],
  existingUsers: readonly ExistingUser<UserId, GroupId>[],
  groups: readonly ImportGroup<GroupId>[],
): ImportPlanResult<UserId, GroupId> {
  const usersByName = new Map(existingUsers.map((user) => [key(user.username), user]));
  const groupsByName = new Map(groups.map((group) => [group.name.trim().toLowerCase(), group]));
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const firstRowOf = new Map<string, number>();
  const errors: RowError[] = [];
  const plan = {
    creates: [] as PlannedCreate<GroupId>[],
    updates: [] as PlannedUpdate<UserId, GroupId>[],
    unchanged: [] as PlannedUnchanged<UserId>[],
  };

  for (const input of rows) {
    const { row } = input;
    const rowErrors: RowError[] = [];
    const username = collect(row, 'username', checkUsername(input.username), rowErrors);
    const stored = usersByName.get(key(input.username));
    // An address already stored is taken as is, so exporting and re-importing never fails on old data.
    const email =
      stored?.email === input.email ? input.email : collect(row, 'email', checkEmail(input.email), rowErrors);
    const displayName = collect(row, 'displayName', checkDisplayName(input.displayName), rowErrors);
    const source = collect(row, 'source', checkSource(input.source), rowErrors);
    const twoFactorEnabled = collect(row, 'twoFactorEnabled', checkYesNo(input.twoFactorEnabled), rowErrors);
    const group = groupsByName.get(input.group.toLowerCase());
    if (!group) {
      const reason = input.group === '' ? 'The group is empty.' : `There is no group named "${input.group}".`;
      rowErrors.push({ row, column: 'group', reason });
    } else if (twoFactorEnabled && !group.twoFactorEnabled) {
      rowErrors.push({
        row,
        column: 'twoFactorEnabled',
        reason: `The group "${group.name}" has 2FA turned off, so its members cannot have it on; turn it on for the group first.`,
      });
    }
    if (username !== undefined) {
      const earlier = firstRowOf.get(key(username));
      if (earlier !== undefined) {
        rowErrors.push({
          row,
          column: 'username',
          reason: `The username "${username}" is already on row ${earlier}.`,
        });
      } else {
        firstRowOf.set(key(username), row);
      }
    }
    errors.push(...rowErrors);
    if (rowErrors.length > 0 || errors.length > 0) continue;

    const fields = {
      email,
      displayName,
      groupId: group?.id,
      source,
      twoFactorEnabled,
    } as UserFields<GroupId>;
    const existing = stored;
    if (!existing) {
      plan.creates.push({ row, username: key(username as string), fields });
      continue;
    }
    const changes: FieldChange[] = [];
    const set: Record<string, unknown> = {};
    for (const field of ['email', 'displayName', 'source', 'twoFactorEnabled'] as const) {
      if (existing[field] !== fields[field]) {
        changes.push({ field, from: existing[field], to: fields[field] });
        set[field] = fields[field];
      }
    }
    if (existing.groupId !== fields.groupId) {
      const from = groupNames.get(existing.groupId) ?? String(existing.groupId);
      changes.push({ field: 'group', from, to: group?.name ?? '' });
      set.groupId = fields.groupId;
    }
    if (changes.length === 0) plan.unchanged.push({ row, id: existing.id, username: existing.username });
    else plan.updates.push({ row, id: existing.id, username: existing.username, changes, set });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan };
}

/** Parse and plan in one step, as the upload route and `user import` need it. */
export function planImportFromCsv<UserId, GroupId>(
  input: string | Uint8Array,
  existingUsers: readonly ExistingUser<UserId, GroupId>[],
  groups: readonly ImportGroup<GroupId>[],
): ImportPlanResult<UserId, GroupId> & { readonly ignoredColumns?: readonly string[] } {
  const parsed = parseUsersCsv(input);
  if (!parsed.ok) return parsed;
  const planned = planImport(parsed.rows, existingUsers, groups);
  return planned.ok ? { ...planned, ignoredColumns: parsed.ignoredColumns } : planned;
}
