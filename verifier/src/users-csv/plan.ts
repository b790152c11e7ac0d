import { type Checked, checkDisplayName, checkEmail, checkUsername } from '../accounts/identity-rules.ts';
import type { ColumnKey, CsvUserRow, RowError, SignInSource } from './columns.ts';
import { checkSource, checkYesNo } from './fields.ts';
import type { ImportLimit } from './limits.ts';
import { type CsvInput, parseUsersCsv } from './parse.ts';

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

function collect<T>(row: number, column: ColumnKey, check: Checked<T>, errors: RowError[]): T | undefined {
  if (check.ok) return check.value;
  errors.push({ row, column, reason: check.reason });
  return undefined;
}

interface Lookups<UserId, GroupId> {
  readonly usersByName: ReadonlyMap<string, ExistingUser<UserId, GroupId>>;
  readonly groupsByName: ReadonlyMap<string, ImportGroup<GroupId>>;
  /** Lower-case username → the first row that has it, filled while rows are checked. */
  readonly firstRowOf: Map<string, number>;
}

/** Checks one row; pushes its problems to `errors` and returns its fields only when it has none. */
function checkRow<UserId, GroupId>(
  input: CsvUserRow,
  lookups: Lookups<UserId, GroupId>,
  errors: RowError[],
): { username: string; fields: UserFields<GroupId> } | null {
  const { row } = input;
  const before = errors.length;
  const stored = lookups.usersByName.get(key(input.username));
  // Values already stored are taken as they are, so re-importing an export never fails on data from
  // before the rules were shared.
  const username = stored ? input.username : collect(row, 'username', checkUsername(input.username), errors);
  const email =
    stored?.email === input.email ? input.email : collect(row, 'email', checkEmail(input.email), errors);
  const displayName =
    stored?.displayName === input.displayName
      ? input.displayName
      : collect(row, 'displayName', checkDisplayName(input.displayName), errors);
  const source = collect(row, 'source', checkSource(input.source), errors);
  const twoFactorEnabled = collect(row, 'twoFactorEnabled', checkYesNo(input.twoFactorEnabled), errors);
  const group = lookups.groupsByName.get(input.group.toLowerCase());
  if (!group) {
    const reason = input.group === '' ? 'The group is empty.' : `There is no group named "${input.group}".`;
    errors.push({ row, column: 'group', reason });
  } else if (twoFactorEnabled && !group.twoFactorEnabled) {
    errors.push({
      row,
      column: 'twoFactorEnabled',
      reason: `The group "${group.name}" has 2FA turned off, so its members cannot have it on; turn it on for the group first.`,
    });
  }
  if (username !== undefined) {
    const earlier = lookups.firstRowOf.get(key(username));
    if (earlier === undefined) lookups.firstRowOf.set(key(username), row);
    else
      errors.push({
        row,
        column: 'username',
        reason: `The username "${username}" is already on row ${earlier}.`,
      });
  }
  if (errors.length > before || username === undefined || group === undefined) return null;
  return {
    username,
    fields: { email, displayName, groupId: group.id, source, twoFactorEnabled } as UserFields<GroupId>,
  };
}

/** The fields of `existing` that `fields` changes, for the preview (groups by name) and for the update. */
function diff<UserId, GroupId>(
  existing: ExistingUser<UserId, GroupId>,
  fields: UserFields<GroupId>,
  groupNames: ReadonlyMap<GroupId, string>,
): { changes: FieldChange[]; set: Partial<UserFields<GroupId>> } {
  const changes: FieldChange[] = [];
  const set: { -readonly [F in keyof UserFields<GroupId>]?: UserFields<GroupId>[F] } = {};
  for (const field of ['email', 'displayName', 'source', 'twoFactorEnabled'] as const) {
    if (existing[field] !== fields[field]) {
      changes.push({ field, from: existing[field], to: fields[field] });
      Object.assign(set, { [field]: fields[field] });
    }
  }
  if (existing.groupId !== fields.groupId) {
    const name = (id: GroupId) => groupNames.get(id) ?? String(id);
    changes.push({ field: 'group', from: name(existing.groupId), to: name(fields.groupId) });
    set.groupId = fields.groupId;
  }
  return { changes, set };
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
  const lookups: Lookups<UserId, GroupId> = {
    usersByName: new Map(existingUsers.map((user) => [key(user.username), user])),
    groupsByName: new Map(groups.map((group) => [group.name.trim().toLowerCase(), group])),
    firstRowOf: new Map(),
  };
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const errors: RowError[] = [];
  const creates: PlannedCreate<GroupId>[] = [];
  const updates: PlannedUpdate<UserId, GroupId>[] = [];
  const unchanged: PlannedUnchanged<UserId>[] = [];

  for (const input of rows) {
    const checked = checkRow(input, lookups, errors);
    // After the first error only the checks go on, to list every problem in one answer.
    if (checked === null || errors.length > 0) continue;
    const { row } = input;
    const existing = lookups.usersByName.get(key(checked.username));
    if (!existing) {
      creates.push({ row, username: key(checked.username), fields: checked.fields });
      continue;
    }
    const { changes, set } = diff(existing, checked.fields, groupNames);
    if (changes.length === 0) unchanged.push({ row, id: existing.id, username: existing.username });
    else updates.push({ row, id: existing.id, username: existing.username, changes, set });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, plan: { creates, updates, unchanged } };
}

/** Parse and plan in one step, for a file whose users and groups are at hand (tests, benchmarks). */
export async function planImportFromCsv<UserId, GroupId>(
  input: CsvInput,
  existingUsers: readonly ExistingUser<UserId, GroupId>[],
  groups: readonly ImportGroup<GroupId>[],
): Promise<
  | (ImportPlanResult<UserId, GroupId> & { readonly ignoredColumns?: readonly string[] })
  | { readonly ok: false; readonly exceeded: ImportLimit }
> {
  const parsed = await parseUsersCsv(input);
  if (!parsed.ok) return parsed;
  const planned = planImport(parsed.rows, existingUsers, groups);
  return planned.ok ? { ...planned, ignoredColumns: parsed.ignoredColumns } : planned;
}
