import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import SqliteDatabase from 'better-sqlite3';
import { PRIVATE_FILE_MODE } from '../files/private-files.ts';

export type BackupOutcome = { ok: true; pages: number } | { ok: false; reason: string };

/** better-sqlite3's largest step: the whole database at once. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database into a new file through SQLite's online backup API. Copying
 * verifier.db with its -wal by hand while the server writes can catch them at different moments;
 * this copy is one consistent state. The file is created first, 0600 and exclusively, so an existing
 * file is never overwritten and the copy of the sealed secrets is never readable by others.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupOutcome> {
  if (!existsSync(source)) {
    return { ok: false, reason: `There is no database at ${source}; nothing to back up.` };
  }
  const database = new SqliteDatabase(source, { fileMustExist: true });
  try {
    try {
      await (await open(destination, 'wx', PRIVATE_FILE_MODE)).close();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return { ok: false, reason: `${destination} already exists; name a new file.` };
      if (code === 'ENOENT') return { ok: false, reason: `The folder of ${destination} does not exist.` };
      throw error;
    }
    try {
      // All pages in one step, one read transaction: the server's writes go on (WAL) and cannot restart it.
      const { totalPages } = await database.backup(destination, { progress: () => ALL_PAGES });
      return { ok: true, pages: totalPages };
    } catch (error) {
      await rm(destination, { force: true });
      throw error;
    }
  } finally {
    database.close();
  }
}
