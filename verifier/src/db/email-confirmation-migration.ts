import { type Kysely, type Migration, sql } from 'kysely';

interface EmailUser {
  id: number;
  username: string;
  email: string;
}

interface AuditRow {
  at: number | string;
  event: string;
  target: string;
  detail: string | null;
}

/**
 * `0008_email_confirmation`: the e-mail method is Activated only once a code sent to the address has
 * been typed back, so `users.email_confirmed` holds the confirmed address.
 *
 * Existing e-mail users count as confirmed only where the audit log proves it: a code sent to their
 * current address and, at or after that, an accepted e-mailed sign-in code. They have been receiving
 * codes and are not asked again; an e-mail user who never signed in that way (or whose address has
 * changed since) has no proof and is Pending, so the next sign-in confirms the address.
 *
 * Credentials and pending enrollments of e-mail users are deleted while the settings allow e-mail:
 * they are left from before a method change ended them, and an old authenticator must not work
 * anywhere. While e-mail is not allowed these users sign in with the authenticator (the fallback),
 * and their credential is the factor they use, so it is kept.
 */
export const emailConfirmation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('email_confirmed', 'text').execute();
    const users = (
      await sql<EmailUser>`select id, username, email from users where method = 'email'`.execute(db)
    ).rows;
    if (users.length === 0) return;
    for (const user of await provenUsers(db, users)) {
      await sql`update users set email_confirmed = ${user.email} where id = ${user.id}`.execute(db);
    }
    const settings = await sql<{ methods: string }>`select methods from settings where id = 1`.execute(db);
    const methods = JSON.parse(settings.rows[0]?.methods ?? '[]') as string[];
    if (!methods.includes('email')) return;
    for (const table of ['credentials', 'enrollments']) {
      await sql`delete from ${sql.table(table)} where user_id in (select id from users where method = 'email')`.execute(
        db,
      );
    }
  },
};

/** The e-mail users whose current address the audit log shows a code sent to and then accepted. */
async function provenUsers(db: Kysely<unknown>, users: EmailUser[]): Promise<EmailUser[]> {
  const rows = (
    await sql<AuditRow>`select at, event, target, detail from audit_log
      where event in ('sign_in.code_sent', 'sign_in.code_ok') order by at`.execute(db)
  ).rows;
  const byName = new Map(users.map((user) => [user.username, user]));
  const sentAt = new Map<string, number>();
  const proven = new Set<EmailUser>();
  for (const row of rows) {
    const user = byName.get(row.target);
    if (!user) continue;
    const detail = parseDetail(row.detail);
    if (row.event === 'sign_in.code_sent' && detail.address === user.email) {
      if (!sentAt.has(user.username)) sentAt.set(user.username, Number(row.at));
    } else if (row.event === 'sign_in.code_ok' && detail.method === 'email' && sentAt.has(user.username)) {
      proven.add(user);
    }
  }
  return [...proven];
}

function parseDetail(text: string | null): Record<string, unknown> {
  try {
    return (JSON.parse(text ?? '{}') as Record<string, unknown>) ?? {};
  } catch {
    return {};
  }
}
