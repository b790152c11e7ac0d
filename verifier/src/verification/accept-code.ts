import { PostgresAdapter } from 'kysely';
import { writeAudit } from '../audit/audit-log.ts';
import type { AuditEvent } from '../audit/events.ts';
import { clearAttempts } from '../auth/attempt-throttle.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
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
  const accepted = await db.transaction().execute(async (trx) => {
    if (!(await markAccepted(trx, a.userId, a.match))) return false;
    await clearAttempts(trx, a.sourceKey);
    await resetFailuresQuery(trx, a.userId);
    await writeAudit(trx, { ...entry, ...a.audit.accepted });
    return true;
  });
  if (!accepted) await writeAudit(db, { ...entry, ...a.audit.replayed });
  return accepted;
}

const resetFailuresQuery = preparedQuery(
  (db, userId: number) => db.updateTable('users').set({ code_failures: 0 }).where('id', '=', userId),
  1,
);

/**
 * PostgreSQL: one statement (data-modifying CTEs run as one atomic unit), so one round trip and
 * one commit whatever the outcome. Under concurrent updates of the same row, PostgreSQL re-checks
 * `last_step < step` on the newest row version, so only one request marks it.
 */
async function acceptInOneStatement(db: Db, a: Acceptance): Promise<boolean> {
  const { at, actor, ip, accepted, replayed } = a.audit;
  const { rows } = await acceptStatement(
    db,
    a.userId,
    a.match.step,
    a.match.drift,
    a.username,
    a.sourceKey,
    at,
    actor,
    ip,
    accepted.event,
    json(accepted.detail),
    replayed.event,
    json(replayed.detail),
  );
  // The two outcomes always have different event names.
  return rows[0]?.event === accepted.event;
}

const buildAccept = (
  db: Db,
  userId: number,
  step: number,
  drift: number,
  username: string,
  sourceKey: string,
  at: number,
  actor: string,
  ip: string,
  okEvent: string,
  okDetail: string | null,
  replayEvent: string,
  replayDetail: string | null,
) =>
  db
    .with('mark', (q) =>
      q
        .updateTable('credentials')
        .set({ last_step: step, drift })
        .where('user_id', '=', userId)
        .where('last_step', '<', step)
        .returning('user_id'),
    )
    .with('cleared', (q) =>
      q
        .deleteFrom('attempt_throttle')
        .where('source', '=', sourceKey)
        .where((eb) => eb.exists(eb.selectFrom('mark').select('user_id')))
        .returning('source'),
    )
    .with('reset', (q) =>
      q
        .updateTable('users')
        .set({ code_failures: 0 })
        .where('id', '=', userId)
        .where('code_failures', '>', 0)
        .where((eb) => eb.exists(eb.selectFrom('mark').select('user_id')))
        .returning('id'),
    )
    .insertInto('audit_log')
    .values((eb) => {
      const marked = eb.exists(eb.selectFrom('mark').select('user_id'));
      return {
        at,
        actor,
        event: eb.case().when(marked).then(okEvent).else(replayEvent).end(),
        target: username,
        ip,
        detail: eb.case().when(marked).then(okDetail).else(replayDetail).end(),
      };
    })
    .returning('event');
const acceptStatement = preparedQuery(buildAccept, 12);
