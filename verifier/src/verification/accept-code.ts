import { PostgresAdapter } from 'kysely';
import { writeAudit } from '../audit/audit-log.ts';
import type { AuditEvent } from '../audit/events.ts';
import { clearAttempts } from '../auth/attempt-throttle.ts';
import { atomically } from '../db/atomically.ts';
import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import { markAccepted } from './credentials.ts';
import type { TotpMatch } from './match-totp.ts';

/** A code that matched: what to mark, what to clear, and the audit entry for either outcome. */
export interface Acceptance {
  userId: number;
  username: string;
  /** The attempt source whose count the success clears. */
  sourceKey: string;
  match: TotpMatch;
  audit: {
    at: number;
    actor: string;
    ip: string;
    accepted: { event: AuditEvent; detail: Record<string, unknown> | undefined };
    replayed: { event: AuditEvent; detail: Record<string, unknown> };
  };
}

/**
 * Writes the replay mark (RFC 6238 §5.2: one conditional UPDATE, so of simultaneous requests with
 * the same code exactly one changes the row), clears the failure counters and appends the audit
 * entry of whichever outcome happened, atomically. Returns false for a replay.
 */
export function acceptCode(db: Db, acceptance: Acceptance): Promise<boolean> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? acceptInOneStatement(db, acceptance)
    : acceptInTransaction(db, acceptance);
}

const json = (detail: Record<string, unknown> | undefined) => (detail ? JSON.stringify(detail) : null);

/**
 * SQLite runs statements in-process, so a short transaction costs no round trips. The counters were
 * raised for this attempt before the code was compared, so they are always cleared.
 */
async function acceptInTransaction(db: Db, a: Acceptance): Promise<boolean> {
  const entry = { at: a.audit.at, actor: a.audit.actor, target: a.username, ip: a.audit.ip };
  const accepted = await atomically(db, async (trx) => {
    if (!(await markAccepted(trx, a.userId, a.match))) return false;
    await clearAttempts(trx, a.sourceKey);
    await run(trx, resetFailuresStatement, [a.userId]);
    await writeAudit(trx, { ...entry, ...a.audit.accepted });
    return true;
  });
  if (!accepted) await writeAudit(db, { ...entry, ...a.audit.replayed });
  return accepted;
}

const resetFailuresStatement = statement(
  'code_failures_reset',
  'UPDATE users SET code_failures = 0 WHERE id = ?',
);

/**
 * PostgreSQL: one statement (data-modifying CTEs run as one atomic unit), so one round trip and
 * one commit whatever the outcome. Under concurrent updates of the same row, PostgreSQL re-checks
 * `last_step < step` on the newest row version, so only one request marks it.
 */
async function acceptInOneStatement(db: Db, a: Acceptance): Promise<boolean> {
  const { at, actor, ip, accepted, replayed } = a.audit;
  const { step, drift } = a.match;
  const { rows } = await run(db, acceptStatement, [
    ...[step, drift, a.userId, step],
    a.sourceKey,
    a.userId,
    ...[at, actor, accepted.event, replayed.event, a.username, ip],
    ...[json(accepted.detail), json(replayed.detail)],
  ]);
  // The two outcomes always have different event names.
  return rows[0]?.event === accepted.event;
}

const acceptStatement = statement<{ event: string }>(
  'code_accept',
  `WITH mark AS (
     UPDATE credentials SET last_step = ?, drift = ? WHERE user_id = ? AND last_step < ? RETURNING user_id
   ), cleared AS (
     DELETE FROM attempt_throttle WHERE source = ? AND EXISTS (SELECT 1 FROM mark) RETURNING source
   ), reset AS (
     UPDATE users SET code_failures = 0 WHERE id = ? AND code_failures > 0 AND EXISTS (SELECT 1 FROM mark)
     RETURNING id
   )
   INSERT INTO audit_log (at, actor, event, target, ip, detail)
   VALUES (?, ?, CASE WHEN EXISTS (SELECT 1 FROM mark) THEN ? ELSE ? END, ?, ?,
     CASE WHEN EXISTS (SELECT 1 FROM mark) THEN ? ELSE ? END)
   RETURNING event`,
);
