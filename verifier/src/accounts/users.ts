import type { Db, UserRow } from '../db/schema.ts';
import { type TwoFactorReason, twoFactorReason } from '../policy/two-factor-reason.ts';
import { type TwoFactorStatus, twoFactorAvailable, twoFactorStatus } from '../policy/two-factor-status.ts';
import {
  effectiveMethod,
  type Method,
  type PolicySettings,
  policySettings,
  readSettings,
} from '../settings/settings.ts';
import { ADMIN_GROUP, type Group, toGroup } from './groups.ts';

/** A user as the API shows it, with the 2FA status computed from the policy rules. */
export interface UserView {
  id: number;
  username: string;
  email: string;
  displayName: string;
  group: Group;
  source: 'local' | 'sso';
  isAdmin: boolean;
  twoFactorEnabled: boolean;
  twoFactorAvailable: boolean;
  twoFactorStatus: TwoFactorStatus;
  /** Which rule decided the status, so pages say why instead of guessing from the switches. */
  twoFactorReason: TwoFactorReason;
  /** The method codes come by, as the settings allow it (see effectiveMethod). */
  method: Method;
  locked: boolean;
  /** Users imported from CSV start without one; only whether it exists leaves the server, never the hash. */
  hasPassword: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  /** When the user last became Pending (see pending-since.ts); null unless Pending. */
  pendingSince: string | null;
}

/** Whether a code sent to the user's current address has been typed back (a changed address is not). */
export function addressConfirmed(row: Pick<UserRow, 'email' | 'email_confirmed'>): boolean {
  return row.email_confirmed !== null && row.email.trim() !== '' && row.email_confirmed === row.email;
}

/** Usernames compare case-insensitively: stored trimmed and lower-case. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Users with their group and whether a credential exists: what toView and the status SQL read. */
export function baseQuery(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('groups', 'groups.id', 'users.group_id')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .selectAll('users')
    .select([
      'groups.name as group_name',
      'groups.is_default as group_is_default',
      'groups.two_factor_enabled as group_two_factor_enabled',
      'credentials.user_id as credential_user_id',
    ]);
}

export type Joined = UserRow & {
  group_name: string;
  group_is_default: number;
  group_two_factor_enabled: number;
  credential_user_id: number | null;
};

export function toView(row: Joined, policy: PolicySettings): UserView {
  const group = toGroup({
    id: row.group_id,
    name: row.group_name,
    is_default: row.group_is_default,
    two_factor_enabled: row.group_two_factor_enabled,
  });
  const user = { source: row.source, twoFactorEnabled: row.two_factor_enabled === 1 };
  const method = effectiveMethod(row.method, policy.methods);
  const inputs = {
    systemEnabled: policy.systemEnabled,
    mandatory: policy.mandatory,
    method,
    group,
    user,
    hasCredential: row.credential_user_id !== null,
    emailConfirmed: addressConfirmed(row),
  };
  const status = twoFactorStatus(inputs);
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    group,
    source: row.source,
    isAdmin: group.isDefault && group.name === ADMIN_GROUP,
    twoFactorEnabled: user.twoFactorEnabled,
    twoFactorAvailable: twoFactorAvailable(group),
    twoFactorStatus: status,
    twoFactorReason: twoFactorReason(inputs),
    method,
    locked: row.locked_at !== null,
    hasPassword: row.password_hash !== null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: new Date(row.created_at).toISOString(),
    pendingSince:
      status === 'Pending' && row.pending_since !== null
        ? new Date(Number(row.pending_since)).toISOString()
        : null,
  };
}

/** The settings as the 2FA rules see them at `now` (the grace period depends on the time). */
export async function loadPolicy(db: Db, now: number): Promise<PolicySettings> {
  return policySettings(await readSettings(db), now);
}

export async function findUserView(db: Db, id: number, now: number): Promise<UserView | undefined> {
  const row = await baseQuery(db).where('users.id', '=', id).executeTakeFirst();
  return row ? toView(row as Joined, await loadPolicy(db, now)) : undefined;
}

export async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
}

export interface UserPage {
  items: UserView[];
  total: number;
  page: number;
  pageSize: number;
}
