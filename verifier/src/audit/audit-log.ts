import type { Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import type { AuditEvent } from './events.ts';

export interface AuditEntry {
  at: number;
  actor: string | null;
  event: AuditEvent;
  target?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends one entry. Details never carry secrets, codes or passwords: callers pass facts only. */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  const detail = entry.detail ? JSON.stringify(entry.detail) : null;
  await run(db, insertStatement, [
    entry.at,
    entry.actor,
    entry.event,
    entry.target ?? null,
    entry.ip ?? null,
    detail,
  ]);
}

/** Refusals from one source that come less than this far apart are one burst: one entry. */
export const BURST_GAP_MS = 10 * 60_000;

/**
 * For refusals that check nothing (a delay running, a lock): the first of a burst from one
 * address, for one target and reason, is a new entry; the rest raise its `repeats` and `last_at`.
 * One client sending thousands of refused requests therefore writes one row, and the admin still
 * sees who, from where, since when, until when and how many. Counted guesses stay one entry each.
 */
export async function writeRefusalAudit(
  db: Db,
  entry: AuditEntry & { ip: string; target: string; detail: Record<string, unknown> },
): Promise<void> {
  const detail = JSON.stringify(entry.detail);
  const { at, ip, event, target } = entry;
  const merged = await run(db, mergeStatement, [at, ip, event, target, detail, at - BURST_GAP_MS]);
  if ((merged.numAffectedRows ?? 0n) > 0n) return;
  await run(db, insertBurstStatement, [at, entry.actor, event, target, ip, detail, at]);
}

/** The open summary of a burst is the newest matching entry whose last refusal is recent enough. */
const mergeStatement = statement(
  'audit_merge_refusal',
  `UPDATE audit_log SET repeats = repeats + 1, last_at = ?
   WHERE id = (SELECT id FROM audit_log
     WHERE ip = ? AND event = ? AND target = ? AND detail = ? AND last_at >= ?
     ORDER BY id DESC LIMIT 1)`,
);

const insertBurstStatement = statement(
  'audit_insert_refusal',
  'INSERT INTO audit_log (at, actor, event, target, ip, detail, last_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);

const insertStatement = statement(
  'audit_insert',
  'INSERT INTO audit_log (at, actor, event, target, ip, detail) VALUES (?, ?, ?, ?, ?, ?)',
);

export interface AuditFilter {
  user?: string;
  event?: string;
  from?: number;
  to?: number;
}

export interface AuditView {
  id: number;
  at: string;
  actor: string | null;
  event: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, unknown> | null;
  /** For a summarised burst of refusals: how many more came, and when the last one did. */
  repeats: number;
  lastAt: string | null;
}

/** Newest first; `user` matches the actor or the target exactly. */
export async function listAudit(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  let query = db.selectFrom('audit_log');
  if (filter.user) {
    const user = filter.user.trim().toLowerCase();
    query = query.where((eb) => eb.or([eb('actor', '=', user), eb('target', '=', user)]));
  }
  if (filter.event) query = query.where('event', '=', filter.event);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
  const rows = await query
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await query
    .select((eb) => eb.fn.countAll<number | string>().as('total'))
    .executeTakeFirstOrThrow();
  const items: AuditView[] = rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    event: row.event,
    target: row.target,
    ip: row.ip,
    detail: row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : null,
    repeats: row.repeats,
    lastAt: row.repeats > 0 && row.last_at !== null ? new Date(row.last_at).toISOString() : null,
  }));
  return { items, total: Number(count.total), page, pageSize };
}
