import type { KeyValueArea } from '../platform/storage-area.ts';
import { clearPendingScan } from '../scan/pending.ts';
import { forgetKey } from './session.ts';

/**
 * What locking forgets: the vault key, and a scanned code waiting to be added, which holds its
 * secret in clear. "Lock now", the idle alarm and a browser restart all lock this one way.
 */
export async function lockSession(session: KeyValueArea): Promise<void> {
  await forgetKey(session);
  await clearPendingScan(session);
}
