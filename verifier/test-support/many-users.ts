import type { Db } from '../src/db/schema.ts';

/** The shape of the i-th generated user, so a test can say what it expects without reading the database. */
export interface GeneratedUser {
  username: string;
  displayName: string;
  email: string;
  group: 'Agent' | 'Analyst' | 'Supervisor';
  source: 'local' | 'sso';
  twoFactorEnabled: boolean;
  hasCredential: boolean;
  hasPassword: boolean;
}

const GROUPS = ['Agent', 'Analyst', 'Supervisor'] as const;

/**
 * A varied population by index: every combination of group, source, switch, credential and password
 * comes up many times, display names are sometimes empty and e-mails sometimes missing, so sorts
 * meet ties and filters meet every case.
 */
export function generatedUser(i: number): GeneratedUser {
  const n = String(i).padStart(5, '0');
  return {
    username: `u${n}`,
    // Names not in username order, so sorting by name and by username differ.
    displayName: i % 7 === 0 ? '' : `name${String((i * 7919) % 100_000).padStart(5, '0')}`,
    email: i % 11 === 0 ? '' : `u${n}@example.test`,
    group: GROUPS[i % 3] as GeneratedUser['group'],
    source: i % 5 === 0 ? 'sso' : 'local',
    twoFactorEnabled: i % 4 !== 0,
    hasCredential: i % 3 === 1,
    hasPassword: i % 6 !== 0,
  };
}

/**
 * Inserts `count` generated users straight into the tables, in a few multi-row statements (a
 * thousand users in well under a second, where a thousand API calls would take minutes). The
 * credential rows are placeholders: enough for the status rules and the list, never for a sign-in.
 * Returns the users with their ids, in index order.
 */
export async function insertManyUsers(
  db: Db,
  count: number,
  createdAt: number,
): Promise<Array<GeneratedUser & { id: number }>> {
  const groups = await db.selectFrom('groups').select(['id', 'name']).execute();
  const groupId = new Map(groups.map((g) => [g.name, g.id]));
  const users = Array.from({ length: count }, (_, i) => generatedUser(i + 1));
  const out: Array<GeneratedUser & { id: number }> = [];
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < users.length; start += 200) {
      const batch = users.slice(start, start + 200);
      const rows = await trx
        .insertInto('users')
        .values(
          batch.map((u, k) => ({
            username: u.username,
            email: u.email,
            display_name: u.displayName,
            // Not a real hash: these users never sign in; only whether one exists matters here.
            password_hash: u.hasPassword ? 'generated' : null,
            group_id: groupId.get(u.group) as number,
            source: u.source,
            two_factor_enabled: u.twoFactorEnabled ? 1 : 0,
            method: 'totp' as const,
            email_confirmed: null,
            must_change_password: 0,
            code_failures: 0,
            locked_at: null,
            created_at: createdAt + start + k,
          })),
        )
        .returning('id')
        .execute();
      for (const [k, u] of batch.entries()) out.push({ ...u, id: (rows[k] as { id: number }).id });
    }
    const withCredential = out.filter((u) => u.hasCredential);
    for (let start = 0; start < withCredential.length; start += 200) {
      await trx
        .insertInto('credentials')
        .values(
          withCredential.slice(start, start + 200).map((u) => ({
            user_id: u.id,
            key_id: 'generated',
            secret_box: 'generated',
            algorithm: 'SHA1' as const,
            digits: 6,
            period: 30,
            drift: 0,
            last_step: 0,
            created_at: createdAt,
          })),
        )
        .execute();
    }
  });
  return out;
}
