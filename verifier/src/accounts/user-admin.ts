import type { Updateable } from 'kysely';
import { weakPassword } from '../auth/sign-in-errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../crypto/passwords.ts';
import type { Db, UsersTable } from '../db/schema.ts';
import { DomainError, notFound } from '../domain-error.ts';
import { type Method, readSettings } from '../settings/settings.ts';
import { requireAnAdminLeft } from './admin-remains.ts';
import { type AdminAction, actionsOf, applyEndings, type Ending, endingsOf } from './factor-endings.ts';
import { findGroup, type Group } from './groups.ts';
import { type Checked, checkDisplayName, checkEmail, checkUsername } from './identity-rules.ts';
import { refreshPendingSince } from './pending-since.ts';
import { findUserView, normaliseUsername, type UserView } from './users.ts';

export interface UserFields {
  email?: string;
  displayName?: string;
  groupId?: number;
  source?: 'local' | 'sso';
  twoFactorEnabled?: boolean;
  method?: Method;
  password?: string;
  mustChangePassword?: boolean;
}

const twoFactorUnavailable = () =>
  new DomainError(
    'conflict',
    'two_factor_unavailable',
    "Turn on 2FA for the user's security access group first.",
  );

async function groupOrThrow(db: Db, id: number): Promise<Group> {
  const group = await findGroup(db, id);
  if (!group)
    throw new DomainError('invalid', 'unknown_group', `There is no security access group with id ${id}.`);
  return group;
}

async function checkMethod(db: Db, method: Method | undefined): Promise<void> {
  if (method === undefined) return;
  const { methods } = await readSettings(db);
  if (!methods.includes(method)) {
    throw new DomainError(
      'invalid',
      'method_unavailable',
      `The ${method} method is not enabled in the system settings.`,
    );
  }
}

/** An e-mail user's address is their second factor: it must be there. */
function checkAddressForMethod(method: Method | undefined, email: string): void {
  if (method === 'email' && email.trim() === '') {
    throw new DomainError(
      'invalid',
      'email_required',
      'Enter an e-mail address: a user who receives codes by e-mail needs one.',
    );
  }
}

/** The value a rule accepted, or the request refused with the rule's reason and the field's name. */
function accepted(field: 'username' | 'email' | 'displayName', check: Checked<string>): string {
  if (!check.ok) throw new DomainError('invalid', 'invalid_request', `Field '${field}': ${check.reason}`);
  return check.value;
}

/** Checks every field first, so a refused change writes nothing. */
export async function createUser(
  db: Db,
  input: UserFields & {
    username: string;
    email: string;
    displayName: string;
    groupId: number;
    source: 'local' | 'sso';
  },
  now: number,
): Promise<UserView> {
  const username = normaliseUsername(accepted('username', checkUsername(input.username)));
  const email = accepted('email', checkEmail(input.email));
  const displayName = accepted('displayName', checkDisplayName(input.displayName));
  const group = await groupOrThrow(db, input.groupId);
  if (input.twoFactorEnabled && !(group.isDefault || group.twoFactorEnabled)) throw twoFactorUnavailable();
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) throw weakPassword();
  await checkMethod(db, input.method);
  checkAddressForMethod(input.method, email);
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken)
    throw new DomainError('conflict', 'username_taken', `The username ${username} is already taken.`);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const row = await db
    .insertInto('users')
    .values({
      username,
      email,
      display_name: displayName,
      password_hash: passwordHash,
      group_id: group.id,
      source: input.source,
      two_factor_enabled: input.twoFactorEnabled ? 1 : 0,
      method: input.method ?? 'totp',
      must_change_password: input.mustChangePassword ? 1 : 0,
      code_failures: 0,
      locked_at: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new DomainError('conflict', 'username_taken', `The username ${username} is already taken.`);
  await refreshPendingSince(db, now);
  return (await findUserView(db, row.id, now)) as UserView;
}

export interface UpdateResult {
  user: UserView;
  /** True when the switch went off and the credential was deleted (lost-device reset). */
  twoFactorReset: boolean;
  /** What the change ended (see factor-endings.ts), for the audit log. */
  ended: Ending[];
  /** The actions the change amounted to (for the security e-mails they send). */
  actions: AdminAction[];
}

/** Applies a partial change and ends what factor-endings.ts says it ends, in one transaction. */
export async function updateUser(db: Db, id: number, change: UserFields, now: number): Promise<UpdateResult> {
  const before = await findUserView(db, id, now);
  if (!before) throw notFound('The user');
  const group = change.groupId === undefined ? before.group : await groupOrThrow(db, change.groupId);
  const available = group.isDefault || group.twoFactorEnabled;
  if (change.twoFactorEnabled === true && !available) throw twoFactorUnavailable();
  if (change.password !== undefined && change.password.length < MIN_PASSWORD_LENGTH) throw weakPassword();
  await checkMethod(db, change.method);
  const stored = await db
    .selectFrom('users')
    .select(['method', 'email', 'display_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  // A value sent back as stored is kept as it is, as the import does, so older data never blocks an edit.
  const email =
    change.email === undefined || change.email === stored?.email
      ? change.email
      : accepted('email', checkEmail(change.email));
  const displayName =
    change.displayName === undefined || change.displayName === stored?.display_name
      ? change.displayName
      : accepted('displayName', checkDisplayName(change.displayName));
  checkAddressForMethod(change.method ?? stored?.method, email ?? stored?.email ?? '');
  const values: Updateable<UsersTable> = {};
  if (email !== undefined) values.email = email;
  if (displayName !== undefined) values.display_name = displayName;
  if (change.groupId !== undefined) values.group_id = group.id;
  if (change.source !== undefined) values.source = change.source;
  if (change.twoFactorEnabled !== undefined) values.two_factor_enabled = change.twoFactorEnabled ? 1 : 0;
  if (change.method !== undefined) values.method = change.method;
  if (change.mustChangePassword !== undefined)
    values.must_change_password = change.mustChangePassword ? 1 : 0;
  if (change.password !== undefined) values.password_hash = await hashPassword(change.password);
  const actions = actionsOf(
    {
      twoFactorEnabled: before.twoFactorEnabled,
      method: stored?.method ?? 'totp',
      groupId: before.group.id,
      source: before.source,
      email: stored?.email ?? '',
    },
    { ...change, email, passwordSet: change.password !== undefined },
  );
  const ended = endingsOf(actions);
  await db.transaction().execute(async (trx) => {
    if (Object.keys(values).length > 0)
      await trx.updateTable('users').set(values).where('id', '=', id).execute();
    await applyEndings(trx, [id], ended);
    if (change.groupId !== undefined || change.source !== undefined) await requireAnAdminLeft(trx);
    await refreshPendingSince(trx, now);
  });
  const twoFactorReset = actions.includes('two_factor_off');
  return { user: (await findUserView(db, id, now)) as UserView, twoFactorReset, ended, actions };
}

/** Clears the hard lock and every failure counter of the account. */
export async function unlockUser(db: Db, id: number, now: number): Promise<UserView> {
  const user = await findUserView(db, id, now);
  if (!user) throw notFound('The user');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ locked_at: null, code_failures: 0 }).where('id', '=', id).execute();
    await trx.deleteFrom('attempt_throttle').where('username', '=', user.username).execute();
  });
  return (await findUserView(db, id, now)) as UserView;
}

/** CLI lost-device reset: the user sets up again (Pending while the switch is on). Returns what ended. */
export async function resetTwoFactor(db: Db, id: number, now: number): Promise<Ending[]> {
  const ended = endingsOf(['lost_device_reset']);
  await db.transaction().execute(async (trx) => {
    await applyEndings(trx, [id], ended);
    await refreshPendingSince(trx, now);
  });
  return ended;
}
