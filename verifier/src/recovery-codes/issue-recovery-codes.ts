import { writeAudit } from '../audit/audit-log.ts';
import type { Db } from '../db/schema.ts';
import { newHashedSet } from './recovery-code-hash.ts';
import { replaceCodes } from './recovery-code-store.ts';

export interface Issue {
  userId: number;
  username: string;
  now: number;
  ip: string;
  /** At the end of the authenticator setup, or a new set the user asked for. */
  reason: 'setup' | 'regenerated';
}

/**
 * A new set of ten codes replacing every old one (used or not) in one transaction with its audit
 * entry. Returns the codes as shown: the only time they leave the server.
 */
export async function issueRecoveryCodes(db: Db, issue: Issue): Promise<string[]> {
  const { shown, stored } = await newHashedSet();
  await db.transaction().execute(async (trx) => {
    await replaceCodes(trx, issue.userId, stored, issue.now);
    await writeAudit(trx, {
      at: issue.now,
      actor: issue.username,
      event: 'recovery_codes.issued',
      target: issue.username,
      ip: issue.ip,
      detail: { reason: issue.reason, count: stored.length },
    });
  });
  return shown;
}
