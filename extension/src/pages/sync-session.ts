import { browser } from '../platform/browser.ts';
import { randomBytes } from '../platform/random.ts';
import {
  loadSyncSettings,
  SYNC_SETTINGS_KEY,
  type SyncStatus,
  storeSyncSettings,
} from '../sync/sync-settings.ts';

/**
 * The Settings screen's view of sync: on or off, and the last run's outcome. Turning it on only
 * records the choice; the background notices it and makes the first exchange.
 */
export interface SyncView {
  enabled: boolean;
  status: SyncStatus;
}

export async function loadSyncView(): Promise<SyncView> {
  const { enabled, status } = await loadSyncSettings(browser.storage.local, randomBytes);
  return { enabled, status };
}

export async function setSyncEnabled(enabled: boolean): Promise<void> {
  const settings = await loadSyncSettings(browser.storage.local, randomBytes);
  await storeSyncSettings(browser.storage.local, { ...settings, enabled, status: { kind: 'off' } });
}

/** Calls back on every change of the sync record; returns the function that stops listening. */
export function watchSyncView(onChange: (view: SyncView) => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SYNC_SETTINGS_KEY in changes) void loadSyncView().then(onChange);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
