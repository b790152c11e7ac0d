import { type RawBuilder, sql } from 'kysely';
import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
import type { AttemptSource } from './attempt-source.ts';
import {
  ADDRESS_FREE_FAILURES,
  delayAfterAddressFailures,
  delayAfterFailures,
  FREE_FAILURES,
} from './throttle-policy.ts';

/** Failures older than this (counted from the last delay's end) are forgiven. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** Failures from an address are forgiven after an hour without any. */
export const ADDRESS_FORGET_AFTER_MS = 60 * 60_000;

/** Where a kind of delay is counted, and how it grows. */
export interface ThrottlePolicy {
  table: 'attempt_throttle' | 'address_throttle';
  key: 'source' | 'address';
  /** The column naming whose account a row counts against, when the table has one. */
  owner?: 'username';
  forgetAfterMs: number;
  /** Failures that cost nothing: up to this count no delay runs, so no attempt is refused. */
  free: number;
  delayAfter: (failures: number) => number;
}

/**
 * Per account and attempt source (see attempt-source.ts), keyed so unknown names behave exactly
 * like known ones; passwords and codes count together.
 */
export const ACCOUNT: ThrottlePolicy = {
  table: 'attempt_throttle',
  key: 'source',
  owner: 'username',
  forgetAfterMs: FORGET_AFTER_MS,
  free: FREE_FAILURES,
  delayAfter: delayAfterFailures,
};

/** Per client address, for one password tried on many usernames. */
export const ADDRESS: ThrottlePolicy = {
  table: 'address_throttle',
  key: 'address',
  forgetAfterMs: ADDRESS_FORGET_AFTER_MS,
  free: ADDRESS_FREE_FAILURES,
  delayAfter: delayAfterAddressFailures,
};

/** The policy's delay for the failure count `failures` (an SQL expression), as a CASE of its steps. */
function delayExpression(policy: ThrottlePolicy, failures: RawBuilder<number>): RawBuilder<number> {
  const steps: RawBuilder<unknown>[] = [];
  let count = 1;
  while (policy.delayAfter(count) === 0) count++;
  const cap = policy.delayAfter(Number.MAX_SAFE_INTEGER);
  steps.push(sql`WHEN ${failures} < ${sql.lit(count)} THEN 0`);
  for (; policy.delayAfter(count) < cap; count++) {
    steps.push(sql`WHEN ${failures} = ${sql.lit(count)} THEN ${sql.lit(policy.delayAfter(count))}`);
  }
  return sql<number>`CASE ${sql.join(steps, sql` `)} ELSE ${sql.lit(cap)} END`;
}

/** The statements of one policy, built and compiled once (see preparedQuery). */
function statementsFor(policy: ThrottlePolicy) {
  const table = sql.table(policy.table);
  const column = sql.ref(policy.key);
  const stored = (name: string) => sql.ref(`${policy.table}.${name}`);
  const prepared = <A extends unknown[], R>(arity: A['length'], build: (...args: A) => RawBuilder<R>) =>
    preparedQuery<A, R>((db, ...args) => ({ compile: () => build(...args).compile(db) }), arity);
  return {
    take: prepared(5, (key: string, owner: string, now: number, forgetBefore: number, firstNext: number) => {
      const failures = sql<number>`CASE WHEN ${stored('next_attempt_at')} < ${forgetBefore} THEN 1 ELSE ${stored('failures')} + 1 END`;
      const columns = policy.owner ? sql`${column}, ${sql.ref(policy.owner)},` : sql`${column},`;
      const values = policy.owner ? sql`${key}, ${owner},` : sql`${key},`;
      // While the count is within the free failures no delay is running, whatever the stored time
      // says: requests sent at once read their clocks in any order, and one a millisecond behind
      // another must not be refused as if a delay ran.
      return sql<{ failures: number }>`
        INSERT INTO ${table} (${columns} failures, next_attempt_at) VALUES (${values} 1, ${firstNext})
        ON CONFLICT (${column}) DO UPDATE
          SET failures = ${failures},
              next_attempt_at = CAST(${now} AS BIGINT) + ${delayExpression(policy, failures)}
          WHERE ${stored('next_attempt_at')} <= ${now} OR ${stored('failures')} <= ${sql.lit(policy.free)}
        RETURNING failures`;
    }),
    nextAllowed: prepared(
      1,
      (key: string) =>
        sql<{ next_attempt_at: number }>`SELECT next_attempt_at FROM ${table} WHERE ${column} = ${key}`,
    ),
    refund: prepared(
      2,
      (key: string, now: number) => sql`
        UPDATE ${table}
          SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, next_attempt_at = CAST(${now} AS BIGINT)
          WHERE ${column} = ${key}`,
    ),
  };
}

const STATEMENTS = new WeakMap<ThrottlePolicy, ReturnType<typeof statementsFor>>();

function statements(policy: ThrottlePolicy): ReturnType<typeof statementsFor> {
  const known = STATEMENTS.get(policy);
  if (known) return known;
  const built = statementsFor(policy);
  STATEMENTS.set(policy, built);
  return built;
}

/**
 * Takes one attempt before anything is checked: counts it as a failure and moves the next allowed
 * time, in one statement that refuses while the delay runs. Parallel requests are therefore
 * counted one after another and cannot all be checked against a count none of them has raised
 * yet. Returns 0 when the attempt may go ahead, else the milliseconds still to wait. A success
 * clears the count (`clearAttempts`) or gives the attempt back (`refundAttempt`).
 */
export async function takeAttempt(
  db: Db,
  policy: ThrottlePolicy,
  key: string,
  now: number,
  owner = '',
): Promise<number> {
  const { take, nextAllowed } = statements(policy);
  const taken = await take(db, key, owner, now, now - policy.forgetAfterMs, now + policy.delayAfter(1));
  if (taken.rows.length > 0) return 0;
  const [row] = (await nextAllowed(db, key)).rows;
  return Math.max(1, Number(row?.next_attempt_at ?? now) - now);
}

/**
 * Gives back an attempt that was no failure: a right password before the code, or a code refused
 * for another reason than being wrong (already used, expired). The attempt was let through, so the
 * next allowed time was not later than `now` before it.
 */
export async function refundAttempt(db: Db, policy: ThrottlePolicy, key: string, now: number): Promise<void> {
  await statements(policy).refund(db, key, now);
}

/** Takes an attempt on an account from one source (see takeAttempt). */
export function takeSourceAttempt(db: Db, source: AttemptSource, now: number): Promise<number> {
  return takeAttempt(db, ACCOUNT, source.key, now, source.username);
}

export function refundSourceAttempt(db: Db, source: AttemptSource, now: number): Promise<void> {
  return refundAttempt(db, ACCOUNT, source.key, now);
}

/**
 * After a full success the count of the source that succeeded starts again. Other sources keep
 * theirs: the real user signing in must not hand a stranger a fresh set of free guesses.
 */
export async function clearAttempts(db: Db, sourceKey: string): Promise<void> {
  await clearQuery(db, sourceKey);
}

const clearQuery = preparedQuery(
  (db, key: string) => db.deleteFrom('attempt_throttle').where('source', '=', key),
  1,
);
