import { type AdminAction, applyEndings, endedDetail, endingsOf } from '../accounts/factor-endings.ts';
import { addressConfirmed } from '../accounts/users.ts';
import type { Db } from '../db/schema.ts';
import { twoFactorStatus } from '../policy/two-factor-status.ts';
import { effectiveMethod, type Method, type PolicySettings } from './settings.ts';

/** Who changed the settings, for the audit entries of the users it moved. */
export interface SettingsActor {
  at: number;
  actor: string;
  ip?: string | null;
}

interface Moved {
  id: number;
  username: string;
  from: Method;
  to: Method;
  action: AdminAction;
}

const BATCH = 500;

/**
 * A change of the allowed methods is a method change for every user whose effective method it
 * changes (e-mail removed: its users go to the authenticator; the authenticator removed: its users go
 * to e-mail; allowed again: back). Those users lose what factor-endings.ts says, each audited as
 * `user.updated` with `reason: 'settings'`, in the caller's transaction. Returns how many moved.
 */
export async function endMovedMethods(
  trx: Db,
  before: PolicySettings,
  after: readonly Method[],
  by: SettingsActor,
): Promise<number> {
  const users = await trx
    .selectFrom('users')
    .innerJoin('groups', 'groups.id', 'users.group_id')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.method',
      'users.email',
      'users.email_confirmed',
      'users.source',
      'users.two_factor_enabled',
      'groups.is_default',
      'groups.two_factor_enabled as group_two_factor',
      'credentials.user_id as credential_user_id',
    ])
    .execute();
  const moved: Moved[] = [];
  for (const user of users) {
    const from = effectiveMethod(user.method, before.methods);
    const to = effectiveMethod(user.method, after);
    if (from === to) continue;
    const status = twoFactorStatus({
      systemEnabled: before.systemEnabled,
      mandatory: before.mandatory,
      method: from,
      group: { isDefault: user.is_default === 1, twoFactorEnabled: user.group_two_factor === 1 },
      user: { source: user.source, twoFactorEnabled: user.two_factor_enabled === 1 },
      hasCredential: user.credential_user_id !== null,
      emailConfirmed: addressConfirmed(user),
    });
    const action = status === 'Disabled' ? 'method_changed_while_disabled' : 'method_changed';
    moved.push({ id: user.id, username: user.username, from, to, action });
  }
  for (const action of ['method_changed', 'method_changed_while_disabled'] as const) {
    const ended = endingsOf([action]);
    const group = moved.filter((user) => user.action === action);
    for (let start = 0; start < group.length; start += BATCH) {
      const batch = group.slice(start, start + BATCH);
      await applyEndings(
        trx,
        batch.map((user) => user.id),
        ended,
      );
      await trx
        .insertInto('audit_log')
        .values(
          batch.map((user) => ({
            at: by.at,
            actor: by.actor,
            event: 'user.updated',
            target: user.username,
            ip: by.ip ?? null,
            detail: JSON.stringify({
              reason: 'settings',
              method: { from: user.from, to: user.to },
              ...endedDetail(ended),
            }),
          })),
        )
        .execute();
    }
  }
  return moved.length;
}
