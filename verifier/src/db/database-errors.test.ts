import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseFailure, isDatabaseUnavailable } from './database-errors.ts';

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

describe('database out of reach', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    [
      'a connection the server ended',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    ['a server shutting down', withCode('the database system is shutting down', '57P03')],
    ['a lost connection (class 08)', withCode('connection failure', '08006')],
    ['no connection slot left', withCode('sorry, too many clients already', '53300')],
    ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['SQLite locked for too long', new DatabaseUnavailableError('locked')],
    ['every address refused', new AggregateError([withCode('x', 'ECONNREFUSED')], 'all failed')],
  ])('counts %s as unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bad query', withCode('syntax error at or near "SELEC"', '42601')],
    ['a broken constraint', withCode('duplicate key value violates unique constraint', '23505')],
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('does not count %s as unavailable', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
