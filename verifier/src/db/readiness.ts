import { sql } from 'kysely';
import { DatabaseUnavailableError } from './database-errors.ts';
import type { Db } from './schema.ts';

/** How long a readiness probe waits for the database before calling it unavailable. */
export const READY_TIMEOUT_MS = 2000;

/** One round trip to the database; throws DatabaseUnavailableError when it fails or is slow. */
export async function checkDatabase(db: Db, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseUnavailableError('The database did not answer in time.')),
      timeoutMs,
    );
  });
  try {
    await Promise.race([sql`SELECT 1`.execute(db), late]);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    throw new DatabaseUnavailableError('The database did not answer.', { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
