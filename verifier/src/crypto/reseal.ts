import type { Db } from '../db/schema.ts';
import { enrollmentContext } from '../enrollment/pending-secret.ts';
import { credentialContext } from '../verification/credentials.ts';
import type { SecretBox } from './secret-box.ts';

const SEALED_TABLES = [
  { table: 'credentials', context: credentialContext },
  { table: 'enrollments', context: enrollmentContext },
] as const;

/**
 * Key rotation: re-seals every stored secret that is not under the current master key. Each row
 * is replaced only if unchanged meanwhile (a row that changed is already under the current key).
 * Afterwards old keys can be removed from VERIFIER_MASTER_KEY. Returns how many were re-sealed.
 */
export async function resealSecrets(db: Db, box: SecretBox): Promise<number> {
  let count = 0;
  for (const { table, context } of SEALED_TABLES) {
    const rows = await db
      .selectFrom(table)
      .select(['user_id', 'key_id', 'secret_box'])
      .where('key_id', '!=', box.currentKeyId)
      .execute();
    for (const row of rows) {
      const secret = box.open({ keyId: row.key_id, box: row.secret_box }, context(row.user_id));
      const sealed = box.seal(secret, context(row.user_id));
      secret.fill(0);
      const result = await db
        .updateTable(table)
        .set({ key_id: sealed.keyId, secret_box: sealed.box })
        .where('user_id', '=', row.user_id)
        .where('secret_box', '=', row.secret_box)
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
  }
  return count;
}
