import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
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
function delayExpression(policy: ThrottlePolicy, failures: string): string {
  let count = 1;
  while (policy.delayAfter(count) === 0) count++;
  const cap = policy.delayAfter(Number.MAX_SAFE_INTEGER);
  const steps = [`WHEN ${failures} < ${count} THEN 0`];
  for (; policy.delayAfter(count) < cap; count++) {
    steps.push(`WHEN ${failures} = ${count} THEN ${policy.delayAfter(count)}`);
  }
  return `CASE ${steps.join(' ')} ELSE ${cap} END`;
}

/** The statements of one policy: plain SQL written once from its table and numbers. */
function statementsFor(policy: ThrottlePolicy) {
  const { table, key } = policy;
  const forgotten = `${table}.next_attempt_at < ?`;
  const delay = `CASE WHEN ${forgotten} THEN ${policy.delayAfter(1)} ELSE ${delayExpression(policy, `(${table}.failures + 1)`)} END`;
  const columns = policy.owner ? `${key}, ${policy.owner},` : `${key},`;
  const values = policy.owner ? '?, ?,' : '?,';
  return {
    // While the count is within the free failures no delay is running, whatever the stored time
    // says: requests sent at once read their clocks in any order, and one a millisecond behind
    // another must not be refused as if a delay ran.
    take: statement<{ failures: number }>(
      `${table}_take`,
      `INSERT INTO ${table} (${columns} failures, next_attempt_at) VALUES (${values} 1, ?)
       ON CONFLICT (${key}) DO UPDATE
         SET failures = CASE WHEN ${forgotten} THEN 1 ELSE ${table}.failures + 1 END,
             next_attempt_at = CAST(? AS BIGINT) + ${delay}
         WHERE ${table}.next_attempt_at <= ? OR ${table}.failures <= ${policy.free}
       RETURNING failures`,
    ),
    nextAllowed: statement<{ next_attempt_at: number }>(
      `${table}_next_allowed`,
      `SELECT next_attempt_at FROM ${table} WHERE ${key} = ?`,
    ),
    refund: statement(
      `${table}_refund`,
      `UPDATE ${table}
         SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, next_attempt_at = CAST(? AS BIGINT)
         WHERE ${key} = ?`,
    ),
  };
}

const STATEMENTS = new Map<ThrottlePolicy, ReturnType<typeof statementsFor>>();

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
  const forgetBefore = now - policy.forgetAfterMs;
  const firstNext = now + policy.delayAfter(1);
  const keys = policy.owner ? [key, owner] : [key];
  // Whether the old failures are forgotten is asked twice: for the new count and for its delay.
  const taken = await run(db, take, [...keys, firstNext, forgetBefore, now, forgetBefore, now]);
  if (taken.rows.length > 0) return 0;
  const [row] = (await run(db, nextAllowed, [key])).rows;
  return Math.max(1, Number(row?.next_attempt_at ?? now) - now);
}

/**
 * Gives back an attempt that was no failure: a right password before the code, or a code refused
 * for another reason than being wrong (already used, expired). The attempt was let through, so the
 * next allowed time was not later than `now` before it.
 */
export async function refundAttempt(db: Db, policy: ThrottlePolicy, key: string, now: number): Promise<void> {
  await run(db, statements(policy).refund, [now, key]);
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
  await run(db, clearStatement, [sourceKey]);
}

const clearStatement = statement('attempt_throttle_clear', 'DELETE FROM attempt_throttle WHERE source = ?');
