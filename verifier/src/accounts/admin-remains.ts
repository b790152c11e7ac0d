import type { Db } from '../db/schema.ts';
import { DomainError } from '../domain-error.ts';
import { ADMIN_GROUP } from './groups.ts';

/**
 * Called inside the transaction of a change to users: refuses it (and so rolls it back) when it
 * leaves no user in the Admin group who signs in here, since nobody could then open the console.
 */
export async function requireAnAdminLeft(trx: Db): Promise<void> {
  const left = await trx
    .selectFrom('users')
    .innerJoin('groups', 'groups.id', 'users.group_id')
    .select('users.id')
    .where('groups.name', '=', ADMIN_GROUP)
    .where('groups.is_default', '=', 1)
    .where('users.source', '=', 'local')
    .limit(1)
    .executeTakeFirst();
  if (!left) {
    throw new DomainError(
      'conflict',
      'cannot_remove_last_admin',
      'The verifier needs at least one admin: give another user the Admin group first.',
    );
  }
}
