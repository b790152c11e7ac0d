import type { Db } from './schema.ts';

/** Runs `work` atomically: inside the caller's transaction when there is one, else in its own. */
export function atomically<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
