import type { Db } from '../db/schema.ts';
import { SECURITY_MAIL_KINDS, type SecurityMailKind } from './kinds.ts';

/** Which kinds are sent; a kind without a stored row is. */
export type SecurityMailSwitches = Record<SecurityMailKind, boolean>;

export async function readSecurityMailSwitches(db: Db): Promise<SecurityMailSwitches> {
  const rows = await db.selectFrom('security_mail_settings').select(['kind', 'enabled']).execute();
  const off = new Set(rows.filter((row) => row.enabled === 0).map((row) => row.kind));
  return Object.fromEntries(
    SECURITY_MAIL_KINDS.map((kind) => [kind, !off.has(kind)]),
  ) as SecurityMailSwitches;
}

export async function isSecurityMailOn(db: Db, kind: SecurityMailKind): Promise<boolean> {
  const row = await db
    .selectFrom('security_mail_settings')
    .select('enabled')
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.enabled !== 0;
}

/** Saves the switches given (any subset) in one transaction; returns the kinds whose value changed. */
export async function saveSecurityMailSwitches(
  db: Db,
  change: Partial<SecurityMailSwitches>,
  now: number,
): Promise<SecurityMailKind[]> {
  return db.transaction().execute(async (trx) => {
    const before = await readSecurityMailSwitches(trx);
    const changed = SECURITY_MAIL_KINDS.filter(
      (kind) => change[kind] !== undefined && change[kind] !== before[kind],
    );
    for (const kind of changed) {
      const values = { enabled: change[kind] ? 1 : 0, updated_at: now };
      await trx
        .insertInto('security_mail_settings')
        .values({ kind, ...values })
        .onConflict((oc) => oc.column('kind').doUpdateSet(values))
        .execute();
    }
    return changed;
  });
}
