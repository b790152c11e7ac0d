import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { prepareRuntime } from '../setup.ts';

/** Every file and folder under `root` with its permission bits, in octal for readable failures. */
function modes(root: string): Record<string, string> {
  const found: Record<string, string> = { '.': (statSync(root).mode & 0o777).toString(8) };
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    found[relative(root, join(root, entry))] = (statSync(join(root, entry)).mode & 0o777).toString(8);
  }
  return found;
}

describe('files in the data folder', () => {
  const dirs: string[] = [];
  const clock = { now: () => 1_000 };
  let previousUmask = 0;
  // The usual umask of a shell or service, under which files are made readable by everyone.
  beforeAll(() => {
    previousUmask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(previousUmask);
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-files-'));
    dirs.push(dir);
    return dir;
  };

  it('keeps the folder, the database with its -wal and -shm, the master key and the outbox to the owner', async () => {
    const dataDir = join(tempDir(), 'data');
    const runtime = await prepareRuntime(loadConfig({ VERIFIER_DATA_DIR: dataDir }), clock);
    try {
      const receipt = await runtime.ctx.mailer.send({ to: 'ana@example.org', subject: 'Code', text: '1' });
      expect(modes(dataDir)).toEqual({
        '.': '700',
        'master.key': '600',
        'verifier.db': '600',
        'verifier.db-wal': '600',
        'verifier.db-shm': '600',
        outbox: '700',
        [relative(dataDir, receipt.outboxPath ?? '')]: '600',
      });
    } finally {
      await runtime.close();
    }
  });

  it('tightens a data folder and database files that an older start left readable by others', async () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);
    mkdirSync(join(dataDir, 'outbox'), { mode: 0o755 });
    // A connection still open keeps the -wal and -shm files that SQLite made beside a 0644 database.
    const earlier = new SqliteDatabase(join(dataDir, 'verifier.db'));
    earlier.pragma('journal_mode = WAL');
    earlier.exec('CREATE TABLE earlier (x)');
    expect(modes(dataDir)).toMatchObject({ '.': '755', 'verifier.db-wal': '644', 'verifier.db-shm': '644' });
    try {
      const runtime = await prepareRuntime(
        loadConfig({ VERIFIER_DATA_DIR: dataDir, VERIFIER_MASTER_KEY: 'ab'.repeat(32) }),
        clock,
      );
      await runtime.ctx.mailer.send({ to: 'ana@example.org', subject: 'Code', text: '1' });
      await runtime.close();
      expect(modes(dataDir)).toMatchObject({
        '.': '700',
        'verifier.db': '600',
        'verifier.db-wal': '600',
        'verifier.db-shm': '600',
        outbox: '700',
      });
    } finally {
      earlier.close();
    }
  });
});
