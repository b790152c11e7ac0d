import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Dialect } from './migrations.ts';
import type { Database, Db } from './schema.ts';
import { RetryingSqliteDialect } from './sqlite-busy.ts';
import { namedStatement } from './statements.ts';

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Where a connection that breaks outside any request is reported (PostgreSQL restarts, idle kills). */
export type ConnectionErrorListener = (error: Error) => void;

export interface OpenOptions {
  onConnectionError?: ConnectionErrorListener;
}

const reportToStderr: ConnectionErrorListener = (error) =>
  process.stderr.write(`database connection lost: ${error.message}\n`);

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string };

const INT8_OID = 20;
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query afresh; preparing costs more than running the small queries of a
 * verification. Statements are reused by SQL text (Kysely runs one statement at a time on its
 * single SQLite connection, so a cached statement is never in use twice): the fixed statements
 * of statements.ts for the whole life of the connection, other queries while they are recent.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const fixed = new Map<string, SqliteDatabase.Statement>();
  const recent = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const cache = namedStatement(sql) === undefined ? recent : fixed;
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache === recent && recent.size >= STATEMENT_CACHE_SIZE)
          recent.delete(recent.keys().next().value as string);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * The pool as Kysely sees it: a client sends the texts of `statement()` (statements.ts) under their
 * names, so PostgreSQL parses and plans each once per connection; any other query goes as it is.
 */
function namingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    // Kysely passes SQL text with its values, or a cursor (streamed queries) that goes as it is.
    query: ((text: string, values: unknown[]) => {
      const name = typeof text === 'string' ? namedStatement(text) : undefined;
      return name === undefined ? client.query(text, values) : client.query({ name, text, values });
    }) as unknown as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let named = wrapped.get(client);
      if (!named) {
        named = wrap(client);
        // Kysely keeps its connection object per client it is given: give it the same one each time.
        wrapped.set(client, named);
      }
      return named;
    },
  };
}

/** Opens SQLite (WAL) or PostgreSQL behind the same Kysely query layer. */
export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): DatabaseHandle {
  if (target.kind === 'sqlite') {
    mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new SqliteDatabase(target.file);
    sqlite.pragma('journal_mode = WAL');
    // With WAL, NORMAL stays consistent after a crash and skips an fsync per commit (SQLite's advice).
    sqlite.pragma('synchronous = NORMAL');
    // No busy wait inside SQLite: it would block the event loop. Locked writes retry on the timer.
    sqlite.pragma('busy_timeout = 0');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({
      dialect: new RetryingSqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    // Bounded waits, so a request during an outage gets its 503 in seconds rather than hanging.
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
    keepAlive: true,
    // bigint columns hold epoch milliseconds and step counters: well inside Number's safe range.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // A connection that breaks emits 'error' on its client, and on the pool when it was idle; with
  // no listener either would end the process. The pool drops the broken client by itself, and a
  // query in flight fails with the error (answered 503), so reporting it once is all that is left.
  const report = options.onConnectionError ?? reportToStderr;
  pool.on('connect', (client) => client.on('error', report));
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: namingPool(pool) }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
