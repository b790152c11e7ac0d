import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { DatabaseUnavailableError } from './database-errors.ts';

/** How long one statement may wait for another process's write lock before the request gets 503. */
export const BUSY_BUDGET_MS = 3000;
/** The longest single pause between tries: a waiting write never holds the event loop at all. */
const MAX_PAUSE_MS = 50;

const isBusy = (error: unknown) =>
  error instanceof Error && String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a statement, and while another process holds the write lock tries again after a pause on
 * the timer instead of in SQLite's busy handler, which would block the whole event loop (health
 * checks and every other request) for as long as it waits.
 */
export async function retryWhileBusy<T>(run: () => Promise<T>, budgetMs = BUSY_BUDGET_MS): Promise<T> {
  const started = performance.now();
  for (let wait = 2; ; wait = Math.min(wait * 2, MAX_PAUSE_MS)) {
    try {
      return await run();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (performance.now() - started + wait > budgetMs) {
        throw new DatabaseUnavailableError('The SQLite database stayed locked by another process.', {
          cause: error,
        });
      }
      await pause(wait);
    }
  }
}

/** The single connection with every statement retried while the database is locked elsewhere. */
class RetryingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly budgetMs: number,
  ) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return retryWhileBusy(() => this.inner.executeQuery<R>(query), this.budgetMs);
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class RetryingDriver extends SqliteDriver implements Driver {
  constructor(
    config: SqliteDialectConfig,
    private readonly budgetMs: number,
  ) {
    super(config);
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RetryingConnection(await super.acquireConnection(), this.budgetMs);
  }
  /**
   * IMMEDIATE takes the write lock at BEGIN, where waiting for it is safe to retry. A deferred
   * transaction that read first could only be rolled back once another process had written.
   */
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's SQLite dialect with busy retries on the timer (see retryWhileBusy). */
export class RetryingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly retryConfig: SqliteDialectConfig,
    private readonly budgetMs = BUSY_BUDGET_MS,
  ) {
    super(retryConfig);
  }
  override createDriver(): Driver {
    return new RetryingDriver(this.retryConfig, this.budgetMs);
  }
}
