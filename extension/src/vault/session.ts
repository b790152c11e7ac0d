import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import type { KeyValueArea } from '../platform/storage-area.ts';

/**
 * The unlocked vault key lives only in `storage.session`: memory that the browser drops on restart
 * and never writes to disk, shared by the popup and the background so the popup can close and reopen.
 */
const SESSION_KEY = 'vaultKey';

export async function rememberKey(session: KeyValueArea, key: Uint8Array): Promise<void> {
  await session.set({ [SESSION_KEY]: base64Encode(key) });
}

export async function recallKey(session: KeyValueArea): Promise<Uint8Array | null> {
  const stored = (await session.get(SESSION_KEY))[SESSION_KEY];
  if (typeof stored !== 'string') return null;
  try {
    return base64Decode(stored);
  } catch {
    return null;
  }
}

export async function forgetKey(session: KeyValueArea): Promise<void> {
  await session.remove(SESSION_KEY);
}
