import { CompiledQuery, PostgresAdapter, type QueryResult } from 'kysely';
import type { Db } from './schema.ts';

/**
 * A statement of the hot paths, written once as plain SQL with `?` placeholders: nothing is built
 * or compiled per request. SQLite's connection prepares each text once (connect.ts); on
 * PostgreSQL the text goes out as a named prepared statement, parsed and planned once per
 * connection (`namedStatement`, used by the pool in connect.ts).
 */
export interface Statement<R> {
  readonly name: string;
  readonly sqlite: string;
  /** The same text with PostgreSQL's numbered placeholders. */
  readonly postgres: string;
  /** Never set: carries the row type. */
  readonly row?: R;
}

const NAMES = new Map<string, string>();

/** `?` → `$1`, `$2`, … in order: these statements use no `?` operator and no `?` in literals. */
function numbered(text: string): string {
  let index = 0;
  return text.replace(/\?/g, () => `$${++index}`);
}

export function statement<R = Record<string, never>>(name: string, text: string): Statement<R> {
  const sql = text.replace(/\s+/g, ' ').trim();
  const postgres = numbered(sql);
  const known = NAMES.get(postgres);
  if (known !== undefined && known !== name) throw new Error(`Statement ${name} repeats ${known}.`);
  if ([...NAMES.values()].includes(name) && known !== name)
    throw new Error(`Two statements are named ${name}.`);
  NAMES.set(postgres, name);
  NAMES.set(sql, name);
  return { name, sqlite: sql, postgres };
}

/** The name a statement text (either dialect's) was registered under, if it is one of ours. */
export function namedStatement(text: string): string | undefined {
  return NAMES.get(text);
}

/** Runs the statement on `db` (a transaction too) with the values for its placeholders, in order. */
export function run<R>(
  db: Db,
  statement: Statement<R>,
  parameters: readonly unknown[],
): Promise<QueryResult<R>> {
  const text = db.getExecutor().adapter instanceof PostgresAdapter ? statement.postgres : statement.sqlite;
  return db.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
}
