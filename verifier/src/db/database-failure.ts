import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/**
 * Whether an error came from the database itself (a statement refused or failed), as opposed to a
 * fault in the verifier's own code. Both drivers throw their own error class for these.
 */
export function isDatabaseFailure(error: unknown): boolean {
  return error instanceof SqliteDatabase.SqliteError || error instanceof pg.DatabaseError;
}
