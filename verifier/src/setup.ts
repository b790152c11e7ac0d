import { type BootstrapResult, bootstrap } from './accounts/bootstrap.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { loadMasterKeys } from './crypto/master-key.ts';
import { SecretBox } from './crypto/secret-box.ts';
import { type DatabaseHandle, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrations.ts';
import type { AppContext } from './http/context.ts';

export interface Runtime {
  handle: DatabaseHandle;
  ctx: AppContext;
  bootstrap: BootstrapResult;
}

/** Opens the database, applies migrations, loads the keys and creates the first admin if needed. */
export async function prepareRuntime(config: Config, clock: Clock): Promise<Runtime> {
  const box = new SecretBox(loadMasterKeys(config.masterKeys, config.dataDir));
  const handle = openDatabase(config.database);
  try {
    await migrateToLatest(handle.db, handle.dialect);
    const result = await bootstrap(handle.db, clock.now(), config.adminPassword);
    const ctx: AppContext = {
      db: handle.db,
      dialect: handle.dialect,
      box,
      clock,
      cookieSecure: config.cookieSecure,
    };
    return { handle, ctx, bootstrap: result };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
