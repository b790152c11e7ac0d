import type { CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './schema.ts';

interface Compilable<R> {
  compile(): CompiledQuery<R>;
}

const SENTINEL = '\u0000prepared-argument-';

/**
 * A query built and compiled once per SQL dialect, then run with fresh arguments. Building and
 * compiling a Kysely query costs several times more than running a small indexed query, and the
 * verification path runs a handful of them per request.
 *
 * `build` must use each argument as a plain value (never to choose the query's shape).
 */
export function preparedQuery<A extends unknown[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
  arity: A['length'],
) {
  const byDialect = new Map<unknown, { compiled: CompiledQuery<R>; slots: Array<number | undefined> }>();
  return (db: Db, ...args: A): Promise<QueryResult<R>> => {
    const dialect = db.getExecutor().adapter.constructor;
    let entry = byDialect.get(dialect);
    if (!entry) {
      const sentinels = Array.from({ length: arity }, (_, i) => `${SENTINEL}${i}`) as A;
      const compiled = build(db, ...sentinels).compile();
      const slots = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(SENTINEL) ? Number(p.slice(SENTINEL.length)) : undefined,
      );
      entry = { compiled, slots };
      byDialect.set(dialect, entry);
    }
    const { compiled, slots } = entry;
    const parameters = compiled.parameters.map((fixed, i) => {
      const slot = slots[i];
      return slot === undefined ? fixed : args[slot];
    });
    return db.executeQuery<R>({ ...compiled, parameters });
  };
}
