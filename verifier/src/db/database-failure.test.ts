import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseFailure } from './database-failure.ts';

describe('database failures', () => {
  it("tells a statement the database refused from the verifier's own faults", () => {
    const sqlite = new SqliteDatabase(':memory:');
    let refused: unknown;
    try {
      sqlite.prepare('SELECT * FROM missing').all();
    } catch (error) {
      refused = error;
    } finally {
      sqlite.close();
    }
    expect(isDatabaseFailure(refused)).toBe(true);
    expect(isDatabaseFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseFailure('SQLITE_ERROR')).toBe(false);
  });
});
