import type { Db } from '../db/schema.ts';
import type { SecurityMailKind } from '../security-mail/kinds.ts';
import type { Method } from '../settings/settings.ts';

/** What an admin action can end for a user. */
export type Ending =
  | 'credential'
  | 'enrollment'
  | 'email_code'
  | 'email_confirmation'
  | 'sessions'
  | 'device_tokens'
  | 'remembered_devices'
  | 'invitation'
  | 'recovery_codes';

/** The order endings are listed in, in the audit log and in tests. */
export const ENDINGS: readonly Ending[] = [
  'credential',
  'enrollment',
  'email_code',
  'email_confirmation',
  'sessions',
  'device_tokens',
  'remembered_devices',
  'invitation',
  'recovery_codes',
];

export type AdminAction =
  | 'two_factor_on'
  | 'two_factor_off'
  | 'lost_device_reset'
  | 'method_changed'
  | 'method_changed_while_disabled'
  | 'email_changed'
  | 'group_changed'
  | 'source_changed'
  | 'password_reset';

/** The second factor and every way back in with it: what a lost phone or mailbox leaves to a finder. */
const FACTOR_AND_ACCESS: readonly Ending[] = [
  'credential',
  'enrollment',
  'email_code',
  'email_confirmation',
  'sessions',
  'device_tokens',
  'remembered_devices',
  'recovery_codes',
];

/**
 * The one table of what each action ends. Turning the switch off is the product's lost-device reset
 * (off, save, on again), so it ends as much as the command line's reset. A new method is a new factor:
 * the old one must not keep working, nor come back if the method is later disallowed. A password set
 * by an admin and a switch to SSO change how the user signs in, so their sessions end; device tokens
 * end only when the device itself may be in other hands. A new address is a new e-mail factor: it is
 * confirmed again, and a code sent to the old one stops working. When System Settings moves a user to
 * another method, a Disabled user's sessions stay (no factor was in use; the admin saving the settings
 * is not signed out by their own save), the rest ends as for a method change. A pending invitation lets
 * the user choose a first password, so a password set by an admin voids it, and so does a switch to SSO
 * (SSO users never set one here). Turning 2FA on and a group change end nothing: the status rules ask
 * for the factor from the next sign-in. A remembered device stands in for the factor under the password
 * it was given with, so whatever ends the factor, the password or the way of signing in ends it too.
 */
const ENDS: Record<AdminAction, readonly Ending[]> = {
  two_factor_on: [],
  two_factor_off: FACTOR_AND_ACCESS,
  lost_device_reset: FACTOR_AND_ACCESS,
  method_changed: [
    'credential',
    'enrollment',
    'email_code',
    'email_confirmation',
    'sessions',
    'remembered_devices',
    'recovery_codes',
  ],
  method_changed_while_disabled: [
    'credential',
    'enrollment',
    'email_code',
    'email_confirmation',
    'remembered_devices',
    'recovery_codes',
  ],
  email_changed: ['email_code', 'email_confirmation', 'remembered_devices'],
  group_changed: [],
  source_changed: ['enrollment', 'email_code', 'sessions', 'remembered_devices', 'invitation'],
  password_reset: ['sessions', 'device_tokens', 'remembered_devices', 'invitation'],
};

/** What the given actions end together, each once, in the order of ENDINGS. */
export function endingsOf(actions: readonly AdminAction[]): Ending[] {
  const ended = new Set(actions.flatMap((action) => ENDS[action]));
  return ENDINGS.filter((ending) => ended.has(ending));
}

/** The fields of a user an admin action looks at. */
export interface FactorFacts {
  twoFactorEnabled: boolean;
  method: Method;
  groupId: number;
  source: 'local' | 'sso';
  email: string;
}

/** A change holding only the fields whose value differs (as a CSV import plan has it). */
export type FactorChange = Partial<FactorFacts> & { passwordSet?: boolean };

/** The actions a change of differing fields amounts to; `passwordSet` is a password set by an admin. */
export function actionsOfChange(changed: FactorChange): AdminAction[] {
  const actions: AdminAction[] = [];
  if (changed.twoFactorEnabled !== undefined)
    actions.push(changed.twoFactorEnabled ? 'two_factor_on' : 'two_factor_off');
  if (changed.method !== undefined) actions.push('method_changed');
  if (changed.email !== undefined) actions.push('email_changed');
  if (changed.groupId !== undefined) actions.push('group_changed');
  if (changed.source !== undefined) actions.push('source_changed');
  if (changed.passwordSet) actions.push('password_reset');
  return actions;
}

/** The actions an edit amounts to: a field sent back as stored is no action, so it ends nothing. */
export function actionsOf(before: FactorFacts, change: FactorChange): AdminAction[] {
  const changed: FactorChange = { passwordSet: change.passwordSet };
  for (const field of ['twoFactorEnabled', 'method', 'groupId', 'source', 'email'] as const) {
    if (change[field] !== undefined && change[field] !== before[field])
      Object.assign(changed, { [field]: change[field] });
  }
  return actionsOfChange(changed);
}

/** Deletes what `endings` name for these users, in the caller's transaction. */
export async function applyEndings(trx: Db, userIds: readonly number[], endings: readonly Ending[]) {
  if (userIds.length === 0) return;
  const ids = [...userIds];
  // A factor that ends starts a new wait for set-up: refreshPendingSince stamps it afresh.
  if (endings.includes('credential') || endings.includes('email_confirmation'))
    await trx.updateTable('users').set({ pending_since: null }).where('id', 'in', ids).execute();
  for (const ending of endings) {
    if (ending === 'email_confirmation') {
      await trx.updateTable('users').set({ email_confirmed: null }).where('id', 'in', ids).execute();
      continue;
    }
    await trx.deleteFrom(TABLES[ending]).where('user_id', 'in', ids).execute();
  }
}

/** The table each ending deletes the user's rows from; the confirmed address is a column instead. */
const TABLES = {
  credential: 'credentials',
  enrollment: 'enrollments',
  email_code: 'email_codes',
  sessions: 'sessions',
  device_tokens: 'device_tokens',
  remembered_devices: 'remembered_devices',
  invitation: 'invitations',
  recovery_codes: 'recovery_codes',
} as const satisfies Record<Exclude<Ending, 'email_confirmation'>, string>;

/**
 * The security e-mail an action sends its user (ASVS 6.3.7), whichever path made it (Edit user, CSV
 * import, command line): a reset of the factor, or a password set by an admin. A method change is
 * told to the user by the setup it asks for at the next sign-in.
 */
const NOTICES: Partial<Record<AdminAction, SecurityMailKind>> = {
  two_factor_off: 'two_factor_reset_by_admin',
  lost_device_reset: 'two_factor_reset_by_admin',
  password_reset: 'password_changed',
};

/** The security e-mails the given actions send, each once. */
export function noticesOf(actions: readonly AdminAction[]): SecurityMailKind[] {
  return [...new Set(actions.flatMap((action) => NOTICES[action] ?? []))];
}

/** The audit detail for an action's endings; nothing when it ended nothing. */
export function endedDetail(endings: readonly Ending[]): { ended?: Ending[] } {
  return endings.length === 0 ? {} : { ended: [...endings] };
}
