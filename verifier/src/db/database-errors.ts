import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

/**
 * The database cannot be reached or is busy for longer than a request may wait. Requests answer it
 * with 503 `database_unavailable`; nothing else in the process depends on it, so service resumes by
 * itself when the database is back.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** PostgreSQL SQLSTATEs of a lost or refused connection (class 08), a shutdown (57P0x) or no slot left. */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[1-4]|53300|53400)$/;

/** Node socket errors of a connection that failed or broke. */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What the `pg` driver says when a connection ends, times out or was already broken. */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'is not queryable',
  'Client was closed and is not queryable',
];

/** Whether `error` means the database is out of reach for now (as opposed to a bug or a bad query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (POSTGRES_UNAVAILABLE.test(code) || SOCKET_ERRORS.has(code))) return true;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  return PG_CONNECTION_MESSAGES.some((text) => error.message.includes(text));
}

/**
 * Whether an error came from the database itself (a statement refused or failed), as opposed to a
 * fault in the verifier's own code. Both drivers throw their own error class for these.
 */
export function isDatabaseFailure(error: unknown): boolean {
  return error instanceof SqliteDatabase.SqliteError || error instanceof pg.DatabaseError;
}
