import type { Db } from '../db/schema.ts';

/** One user's stored code, found by its id. */
export interface StoredCode {
  codeHash: string;
  usedAt: number | null;
}

export async function findCode(db: Db, userId: number, codeId: string): Promise<StoredCode | undefined> {
  const row = await db
    .selectFrom('recovery_codes')
    .select(['code_hash', 'used_at'])
    .where('user_id', '=', userId)
    .where('code_id', '=', codeId)
    .executeTakeFirst();
  return row ? { codeHash: row.code_hash, usedAt: row.used_at } : undefined;
}

/**
 * Marks a code used: one conditional UPDATE, so of simultaneous requests with the same code exactly
 * one changes the row (as the TOTP replay mark). False when it was already used (or is gone).
 */
export async function markCodeUsed(db: Db, userId: number, codeId: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_id', '=', codeId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Replaces all of a user's codes with a new set, in the caller's transaction. */
export async function replaceCodes(
  trx: Db,
  userId: number,
  codes: readonly { id: string; hash: string }[],
  now: number,
): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await trx
    .insertInto('recovery_codes')
    .values(
      codes.map((code) => ({ user_id: userId, code_id: code.id, code_hash: code.hash, created_at: now })),
    )
    .execute();
}

/** How many unused codes the user has left. */
export async function codesLeft(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('left'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.left ?? 0);
}
