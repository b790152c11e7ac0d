import type { KeyValueArea } from '../platform/storage-area.ts';
import type { ScanMode } from './classify.ts';

/**
 * The last scan's result, kept in `storage.session` because the popup closes while the user drags on
 * the page: the popup shows it for confirmation when it opens again. Only the QR texts are kept (they
 * are re-read through the shared module), and they expire so a forgotten scan does not linger.
 */
export const PENDING_SCAN_KEY = 'pendingScan';
const PENDING_SCAN_TTL_MS = 10 * 60 * 1000;

export interface PendingScan {
  /** The text of every QR code found, empty when none was. */
  texts: string[];
  /** How the user scanned: shapes the wording of what was found. */
  mode: ScanMode;
  at: number;
  /** The scanned site's icon (scan/page-icon.ts) for the accounts added from this scan, if one was read. */
  icon?: string;
}

export async function savePendingScan(session: KeyValueArea, scan: PendingScan): Promise<void> {
  await session.set({ [PENDING_SCAN_KEY]: scan });
}

export async function takePendingScan(session: KeyValueArea, now: number): Promise<PendingScan | null> {
  const scan = (await session.get(PENDING_SCAN_KEY))[PENDING_SCAN_KEY] as PendingScan | undefined;
  if (!scan || typeof scan.at !== 'number' || !Array.isArray(scan.texts)) return null;
  if (now - scan.at > PENDING_SCAN_TTL_MS) {
    await session.remove(PENDING_SCAN_KEY);
    return null;
  }
  return scan;
}

export async function clearPendingScan(session: KeyValueArea): Promise<void> {
  await session.remove(PENDING_SCAN_KEY);
}
