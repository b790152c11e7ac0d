import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { emailConfirmation } from './email-confirmation-migration.ts';
import { VERIFY_FUNCTIONS } from './migration-0010-verify-function.ts';
import { oidcProviderMigration } from './migration-0015-oidc-provider.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Auto-increment primary key spelled the way each dialect wants it. */
function idType(dialect: Dialect) {
  return dialect === 'postgres' ? 'serial' : 'integer';
}

/**
 * Versioned migrations, applied in name order and recorded in kysely_migration. Never edit a
 * released migration: add a new one.
 */
function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        const autoId = (c: import('kysely').ColumnDefinitionBuilder) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
        await db.schema
          .createTable('settings')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('two_factor_enabled', 'integer', (c) => c.notNull())
          .addColumn('organisation_name', 'text', (c) => c.notNull())
          .addColumn('verification_window', 'integer', (c) => c.notNull())
          .addColumn('methods', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('groups')
          .addColumn('id', idType(dialect), autoId)
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('is_default', 'integer', (c) => c.notNull())
          .addColumn('two_factor_enabled', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('users')
          .addColumn('id', idType(dialect), autoId)
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text')
          .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id'))
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('two_factor_enabled', 'integer', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('must_change_password', 'integer', (c) => c.notNull())
          .addColumn('code_failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('locked_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('credentials')
          .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('secret_box', 'text', (c) => c.notNull())
          .addColumn('algorithm', 'text', (c) => c.notNull())
          .addColumn('digits', 'integer', (c) => c.notNull())
          .addColumn('period', 'integer', (c) => c.notNull())
          .addColumn('drift', 'integer', (c) => c.notNull())
          .addColumn('last_step', 'bigint', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('enrollments')
          .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('secret_box', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('challenge_failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();
        await db.schema
          .createTable('attempt_throttle')
          .addColumn('username', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('api_keys')
          .addColumn('id', idType(dialect), autoId)
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('prefix', 'text', (c) => c.notNull())
          .addColumn('key_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_used_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', idType(dialect), autoId)
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('actor', 'text')
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('ip', 'text')
          .addColumn('detail', 'text')
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
        await db.schema.createIndex('audit_log_event').on('audit_log').column('event').execute();
      },
    },
    '0002_expiry_indexes': {
      // Housekeeping deletes expired sessions and enrollments by time.
      async up(db: Kysely<unknown>) {
        await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
        await db.schema
          .createIndex('enrollments_expires_at')
          .on('enrollments')
          .column('expires_at')
          .execute();
      },
    },
    '0003_address_throttle': {
      // Per-address failure counts against one password tried on many usernames.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('address_throttle')
          .addColumn('address', 'text', (c) => c.primaryKey())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0004_email_codes_grace': {
      // E-mailed sign-in codes (one record per user, so the hourly cap spans sign-ins), the editable
      // notification template, and the grace period before 2FA becomes mandatory.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('email_codes')
          .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('salt', 'text', (c) => c.notNull())
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('issued_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('failed_attempts', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addColumn('send_times', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('notification_templates')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('text_body', 'text', (c) => c.notNull())
          .addColumn('html_body', 'text', (c) => c.notNull())
          .addColumn('active', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .alterTable('settings')
          .addColumn('grace_days', 'integer', (c) => c.notNull().defaultTo(60))
          .execute();
        await db.schema.alterTable('settings').addColumn('grace_extended_until', 'bigint').execute();
      },
    },
    '0005_attempt_sources': {
      // Failures are counted per source (untrusted clients of a username, a device token, an API
      // key) so a stranger cannot delay the real user. Old counts were per username only and are
      // short-lived, so they are dropped. Refused attempts are audited as summarised entries.
      async up(db: Kysely<unknown>) {
        await db.schema.dropTable('attempt_throttle').execute();
        await db.schema
          .createTable('attempt_throttle')
          .addColumn('source', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('attempt_throttle_username')
          .on('attempt_throttle')
          .column('username')
          .execute();
        await db.schema
          .createIndex('attempt_throttle_next_attempt_at')
          .on('attempt_throttle')
          .column('next_attempt_at')
          .execute();
        await db.schema
          .createTable('device_tokens')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_used_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('device_tokens_user_id').on('device_tokens').column('user_id').execute();
        await db.schema
          .createIndex('device_tokens_expires_at')
          .on('device_tokens')
          .column('expires_at')
          .execute();
        await db.schema.alterTable('sessions').addColumn('attempt_source', 'text').execute();
        await db.schema
          .alterTable('audit_log')
          .addColumn('repeats', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('audit_log').addColumn('last_at', 'bigint').execute();
        // Finding the open summary of a source: its newest entry of that event for that target.
        await db.schema
          .createIndex('audit_log_source')
          .on('audit_log')
          .columns(['ip', 'event', 'target', 'last_at'])
          .execute();
      },
    },
    '0006_resend_times': {
      // Resends get their own cap so ordinary sign-ins no longer use it up. Existing sends stay
      // counted against the overall cap only.
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('email_codes')
          .addColumn('resend_times', 'text', (c) => c.notNull().defaultTo('[]'))
          .execute();
      },
    },
    '0007_template_html_from_text': {
      // The HTML part is now generated from the plain-text body; a saved HTML body no longer matches
      // what is sent, so it is cleared. Subject, text and the active switch keep working as saved.
      async up(db: Kysely<unknown>) {
        await sql`update notification_templates set html_body = ''`.execute(db);
      },
    },
    '0008_email_confirmation': emailConfirmation,
    '0009_invitations': {
      // One pending invitation per user (a newer one replaces it); only the SHA-256 of the link's token.
      // Independent of every other step, so it applies in order beside any migration numbered before it.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('invitations')
          .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('sent_to', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0010_verify_function': {
      // The verify API's work as server-side functions on PostgreSQL (see its module). It needs only
      // the tables of 0001-0007, so it applies whether or not 0008 and 0009 exist.
      async up(db: Kysely<unknown>) {
        if (dialect !== 'postgres') return;
        for (const text of VERIFY_FUNCTIONS) await sql.raw(text).execute(db);
      },
    },
    '0011_session_second_factor': {
      // Whether a session gave a code, so forward-auth can stop one that did not once 2FA applies
      // to its user. Sessions from before count as having given none.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('sessions').addColumn('second_factor_at', 'bigint').execute();
      },
    },
    '0012_recovery_codes': {
      // Look-up secrets (recovery codes): one row per code, keyed by its short non-secret id so a check
      // hashes once; only an argon2id hash of the secret part. And which security e-mails an admin
      // switched off (a kind without a row is sent). Independent of every other step.
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('recovery_codes')
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('code_id', 'text', (c) => c.notNull())
          .addColumn('code_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .addPrimaryKeyConstraint('recovery_codes_pk', ['user_id', 'code_id'])
          .execute();
        await db.schema
          .createTable('security_mail_settings')
          .addColumn('kind', 'text', (c) => c.primaryKey())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0013_remembered_devices': {
      // Browsers a user chose to remember after a code (off until an admin sets the days). Only a hash
      // of each token's id, and a keyed hash of the password and factor the token was given under.
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('settings')
          .addColumn('remember_device_days', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createTable('remembered_devices')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('binding', 'text', (c) => c.notNull())
          .addColumn('browser', 'text', (c) => c.notNull())
          .addColumn('ip', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_used_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('remembered_devices_user')
          .on('remembered_devices')
          .column('user_id')
          .execute();
      },
    },
    '0014_pending_since': {
      // When each user last became Pending, for the Users list and the System Settings summary.
      // Kept by accounts/pending-since.ts after every change that can move a status. Users without
      // a factor start from their creation time, the only instant known for them; the first refresh
      // clears it for those whom the rules do not ask for one.
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('users').addColumn('pending_since', 'bigint').execute();
        await sql`UPDATE users SET pending_since = created_at WHERE source = 'local'
          AND NOT EXISTS (SELECT 1 FROM credentials WHERE credentials.user_id = users.id)
          AND (users.email_confirmed IS NULL OR users.email_confirmed <> users.email)`.execute(db);
        await db.schema.createIndex('users_pending_since').on('users').column('pending_since').execute();
      },
    },
    '0015_oidc_provider': oidcProviderMigration,
  };
}

class StaticMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations() {
    return migrations(this.dialect);
  }
}

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: Dialect,
  /**
   * The PostgreSQL schema the tables live in, when not the default. Named so the migrator looks for its
   * own bookkeeping tables there only (it would otherwise take another schema's for this one's).
   */
  schema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new StaticMigrations(dialect),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : error}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
