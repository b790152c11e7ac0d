import type { Db } from '../db/schema.ts';
import { loadCodeRecord, saveCodeRecord } from './code-store.ts';
import { clearSendCounts } from './index.ts';

const MAX_RACES = 3;

/**
 * Forgets the user's counted e-mail sends so Resend and new sign-ins work again at once. Returns
 * whether there was anything to clear; a send racing with it simply wins or loses the conditional write.
 */
export async function clearEmailSendLimit(db: Db, userId: number): Promise<boolean> {
  for (let race = 0; race < MAX_RACES; race++) {
    const record = await loadCodeRecord(db, userId);
    if (record === null) return false;
    if (record.sendTimes.length === 0 && record.resendTimes.length === 0) return false;
    if (await saveCodeRecord(db, userId, record, clearSendCounts(record))) return true;
  }
  return false;
}
