import { dirname, join } from 'node:path';
import { type BootstrapResult, bootstrap } from './accounts/bootstrap.ts';
import type { Clock } from './clock.ts';
import { type Config, ConfigError } from './config.ts';
import { loadMasterKeys } from './crypto/master-key.ts';
import { prepareDecoy } from './crypto/passwords.ts';
import { SecretBox } from './crypto/secret-box.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrations.ts';
import { ensurePrivateDatabaseFiles, ensurePrivateFolder } from './files/private-files.ts';
import type { AppContext } from './http/context.ts';
import { createMailerFromEnv, MailConfigError } from './mail/index.ts';

export interface Runtime {
  handle: DatabaseHandle;
  ctx: AppContext;
  bootstrap: BootstrapResult;
  /** Closes the mailer and the database. */
  close(): Promise<void>;
}

/** SMTP from SMTP_URL, else .eml files in the outbox folder; a bad SMTP_URL stops the start. */
function openMailer(config: Config) {
  try {
    return createMailerFromEnv(config.mail, join(config.dataDir, 'outbox'));
  } catch (error) {
    if (error instanceof MailConfigError) throw new ConfigError(`SMTP_URL: ${error.message}`);
    throw error;
  }
}

/**
 * Refuses to start when stored secrets were sealed with a key that is not configured, instead of
 * failing every sign-in of those users later.
 */
async function checkKeysCoverSecrets(handle: DatabaseHandle, box: SecretBox, keyFile: string): Promise<void> {
  const rows = await handle.db
    .selectFrom('credentials')
    .select('key_id')
    .union(handle.db.selectFrom('enrollments').select('key_id'))
    .union(handle.db.selectFrom('oidc_signing_keys').select('key_id'))
    .execute();
  const missing = [...new Set(rows.map((r) => r.key_id))].filter((id) => !box.hasKey(id));
  if (missing.length > 0) {
    throw new ConfigError(
      `Stored secrets use master key id ${missing.join(', ')}, which is not configured. ` +
        `Add that key to VERIFIER_MASTER_KEY (after the current one) or restore ${keyFile}.`,
    );
  }
}

/**
 * Makes the data folder private before anything is written there, when it holds the SQLite database or
 * the master key file (the outbox mailer keeps its own folder private). With PostgreSQL and a key from
 * the environment the folder is not needed, so a read-only file system still starts.
 */
async function protectDataFolder(config: Config): Promise<void> {
  const keyFileInDataDir = !config.masterKeys && dirname(config.masterKeyFile) === config.dataDir;
  if (keyFileInDataDir) await ensurePrivateFolder(config.dataDir);
  if (config.database.kind === 'sqlite') await ensurePrivateDatabaseFiles(config.database.file);
}

/** Opens the database, applies migrations, loads the keys and creates the first admin if needed. */
export async function prepareRuntime(config: Config, clock: Clock): Promise<Runtime> {
  await protectDataFolder(config);
  const box = new SecretBox(loadMasterKeys(config.masterKeys, config.masterKeyFile));
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(
      handle.db,
      handle.dialect,
      config.database.kind === 'postgres' ? config.database.schema : undefined,
    );
    await checkKeysCoverSecrets(handle, box, config.masterKeyFile);
    await prepareDecoy();
    const result = await bootstrap(handle.db, clock.now(), config.adminPassword);
    const ctx: AppContext = {
      db: handle.db,
      dialect: handle.dialect,
      box,
      clock,
      cookieSecure: config.cookieSecure,
      cookieDomain: config.cookieDomain,
      forwardAuth: config.forwardAuth,
      mailer: openMailer(config),
      emailCodeKey: box.deriveKey('email-codes'),
      deviceTokenKey: box.deriveKey('device-tokens'),
      publicUrl: config.publicUrl,
      oidcIssuer: config.oidcIssuer,
    };
    const close = async () => {
      await ctx.mailer.close();
      await handle.close();
    };
    return { handle, ctx, bootstrap: result, close };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
