import { hashPassword } from '../crypto/passwords.ts';
import { randomPassword } from '../crypto/tokens.ts';
import type { Db } from '../db/schema.ts';
import { ADMIN_GROUP, DEFAULT_GROUPS } from './groups.ts';

export interface BootstrapResult {
  /** Set only when the first admin was created with a generated password, to show once. */
  generatedAdminPassword?: string;
  createdAdmin: boolean;
}

/**
 * First start: settings (2FA off), the default groups, and an `admin` user who must change the
 * password at first sign-in. Idempotent: later starts change nothing.
 */
export async function bootstrap(db: Db, now: number, adminPassword?: string): Promise<BootstrapResult> {
  const hasAdmin = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'admin')
    .executeTakeFirst();
  const password = hasAdmin ? undefined : (adminPassword ?? randomPassword());
  const passwordHash = password ? await hashPassword(password) : undefined;
  const inserted = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({
        id: 1,
        two_factor_enabled: 0,
        organisation_name: 'Verifier',
        verification_window: 1,
        methods: JSON.stringify(['totp']),
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    for (const name of DEFAULT_GROUPS) {
      await trx
        .insertInto('groups')
        .values({ name, is_default: 1, two_factor_enabled: 1, created_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    if (!passwordHash) return false;
    const admins = await trx
      .selectFrom('groups')
      .select('id')
      .where('name', '=', ADMIN_GROUP)
      .executeTakeFirstOrThrow();
    const admin = await trx
      .insertInto('users')
      .values({
        username: 'admin',
        email: '',
        display_name: 'Administrator',
        password_hash: passwordHash,
        group_id: admins.id,
        source: 'local',
        two_factor_enabled: 0,
        method: 'totp',
        must_change_password: 1,
        code_failures: 0,
        locked_at: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    return admin !== undefined;
  });
  // Another process starting at the same moment may have created the admin first.
  if (!password || !inserted) return { createdAdmin: false };
  return adminPassword ? { createdAdmin: true } : { createdAdmin: true, generatedAdminPassword: password };
}
