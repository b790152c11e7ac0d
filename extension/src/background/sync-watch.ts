import type { Storage } from 'webextension-polyfill';
import { browser } from '../platform/browser.ts';
import { exclusiveVaultChange } from '../platform/exclusive.ts';
import { randomBytes } from '../platform/random.ts';
import { browserSyncArea } from '../platform/sync-storage.ts';
import { syncOnce } from '../sync/run-sync.ts';
import { SYNC_SETTINGS_KEY } from '../sync/sync-settings.ts';
import { VaultConflictError } from '../vault/errors.ts';
import { STORAGE_KEY } from '../vault/format.ts';
import { recallKey } from '../vault/session.ts';

// The background exchanges with storage.sync whenever something that matters changes: the vault
// (an edit here), the sync area (another computer's edit arriving), the session key (an unlock:
// merging needs the key, so a locked vault waits) or sync being turned on. Runs never overlap.

const isOn = (value: unknown) => (value as { enabled?: boolean } | undefined)?.enabled === true;

const turnedOn = (change: Storage.StorageChange | undefined) =>
  change !== undefined && isOn(change.newValue) && !isOn(change.oldValue);

async function exchange(): Promise<'again' | 'done'> {
  const key = await recallKey(browser.storage.session);
  if (!key) return 'done';
  const deps = {
    local: browser.storage.local,
    sync: browserSyncArea(),
    randomBytes,
    now: Date.now,
    exclusive: exclusiveVaultChange,
  };
  try {
    await syncOnce(deps, key);
    return 'done';
  } catch (error) {
    // A window saved meanwhile: merge again with its change.
    if (error instanceof VaultConflictError) return 'again';
    console.warn(`Sync failed: ${error instanceof Error ? error.message : String(error)}`);
    return 'done';
  } finally {
    key.fill(0);
  }
}

export function watchSync(): void {
  let running = false;
  let pending = false;
  // Until sync is turned on the background does nothing for it: no reads on every vault change.
  let enabled = false;
  const run = async () => {
    if (!enabled) return;
    pending = true;
    if (running) return;
    running = true;
    try {
      while (pending) {
        pending = false;
        if ((await exchange()) === 'again') pending = true;
      }
    } finally {
      running = false;
    }
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SYNC_SETTINGS_KEY in changes)
      enabled = isOn(changes[SYNC_SETTINGS_KEY]?.newValue);
    const relevant =
      area === 'sync' ||
      (area === 'local' && (STORAGE_KEY in changes || turnedOn(changes[SYNC_SETTINGS_KEY]))) ||
      (area === 'session' && changes.vaultKey?.newValue !== undefined);
    if (relevant) void run();
  });
  void browser.storage.local.get(SYNC_SETTINGS_KEY).then((stored) => {
    enabled = isOn(stored[SYNC_SETTINGS_KEY]);
    void run();
  });
}
