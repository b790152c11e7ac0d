import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.ts';
import { backupSqlite } from '../db/backup.ts';
import { CommandFailed } from './command-errors.ts';

/** Where the admin finds the key, to back up apart from the database. */
function keyLocation(config: Config): string {
  return config.masterKeys ? 'VERIFIER_MASTER_KEY' : config.masterKeyFile;
}

/**
 * `backup FILE`: an online copy of the SQLite database. The master key is left out on purpose, so a
 * stolen backup alone opens no secret; the output says to keep the key separately. Refusals are
 * CommandFailed (no usage after them: the message says what to run instead).
 */
export async function backupCommand(args: string[], config: Config = loadConfig()): Promise<void> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  const [target] = positionals;
  if (target === undefined || positionals.length > 1) {
    throw new CommandFailed('backup needs one FILE to create: npm run verifier -- backup FILE');
  }
  if (config.database.kind === 'postgres') {
    throw new CommandFailed(
      'DATABASE_URL is a PostgreSQL database, which this command does not copy: back it up with pg_dump ' +
        `(pg_dump --format=custom --file=${target} "$DATABASE_URL"), and the master key ` +
        `(${keyLocation(config)}) separately.`,
    );
  }
  const source = config.database.file;
  const file = resolve(target);
  const outcome = await backupSqlite(source, file);
  if (!outcome.ok) throw new CommandFailed(outcome.reason);
  process.stdout.write(
    `Backed up ${source} to ${file} (${outcome.pages} pages), readable by its owner only.\n` +
      `The master key is not in the backup: back up ${keyLocation(config)} separately and keep it ` +
      'apart from this file; the secrets in the backup cannot be opened without it.\n',
  );
}
