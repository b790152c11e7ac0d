import { preparedQuery } from '../db/prepared.ts';
import type { Db } from '../db/schema.ts';
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
  await insertQuery(db, entry.at, entry.actor, entry.event, entry.target ?? null, entry.ip ?? null, detail);
}

const insertQuery = preparedQuery(
  (
    db,
    at: number,
    actor: string | null,
    event: string,
    target: string | null,
    ip: string | null,
    detail: string | null,
  ) => db.insertInto('audit_log').values({ at, actor, event, target, ip, detail }),
  6,
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
  }));
  return { items, total: Number(count.total), page, pageSize };
}
