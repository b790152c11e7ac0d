import { chmod, mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../config.ts';

/*
 * The database holds the sealed secrets and the data folder holds the key that opens them: whoever can
 * read both can read every secret, so only the verifier's own user may.
 *
 * Modes are set here, path by path, rather than by process.umask(0o077) at start: the umask is global
 * to the process (it would narrow files an admin writes elsewhere, such as a users export meant for a
 * colleague), is refused in worker threads, and every entry point (server, each CLI command, the demo,
 * tests) would have to remember it before the database opens. SQLite itself gives the -wal and -shm
 * files it creates later the mode of their database file (os_unix.c), so a 0600 database keeps them 0600.
 */

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Narrows `path` to `mode` if group or others have any access; a missing path is left alone. */
async function tighten(path: string, mode: number): Promise<void> {
  let current: number;
  try {
    current = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((current & 0o077) === 0) return;
  try {
    await chmod(path, mode);
  } catch (error) {
    throw new ConfigError(
      `${path} can be read by others and could not be made private (chmod ${mode.toString(8)} ${path}): ${(error as Error).message}`,
    );
  }
}

/** Creates the folder (and missing parents) 0700, or narrows an existing one to 0700. */
export async function ensurePrivateFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  await tighten(folder, PRIVATE_FOLDER_MODE);
}

/**
 * Before SQLite opens `file`: its folder 0700; the database created empty here as 0600 (SQLite would
 * make it 0644), or narrowed to 0600 with -wal and -shm files left by an earlier start.
 */
export async function ensurePrivateDatabaseFiles(file: string): Promise<void> {
  await ensurePrivateFolder(dirname(file));
  await (await open(file, 'a', PRIVATE_FILE_MODE)).close();
  for (const path of [file, `${file}-wal`, `${file}-shm`]) await tighten(path, PRIVATE_FILE_MODE);
}
