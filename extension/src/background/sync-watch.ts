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
  // The sync area is listened to only while sync is on. In Chromium, a listener for its changes in
  // the service worker (storage.sync.onChanged, or storage.onChanged, which covers it) left the
  // popup's storage.managed reads unanswered in most runs, and a save waits for that read (the
  // auto-lock is re-armed within the policy's limit), so Add never finished.
  const onSyncArea = () => void run();
  const follow = (on: boolean) => {
    enabled = on;
    const syncChanges = browser.storage.sync.onChanged;
    if (on && !syncChanges.hasListener(onSyncArea)) syncChanges.addListener(onSyncArea);
    if (!on) syncChanges.removeListener(onSyncArea);
  };
  browser.storage.local.onChanged.addListener((changes) => {
    if (SYNC_SETTINGS_KEY in changes) follow(isOn(changes[SYNC_SETTINGS_KEY]?.newValue));
    if (STORAGE_KEY in changes || turnedOn(changes[SYNC_SETTINGS_KEY])) void run();
  });
  browser.storage.session.onChanged.addListener((changes) => {
    if (changes.vaultKey?.newValue !== undefined) void run();
  });
  // Also how an item that arrived while the background slept is merged: the run on waking.
  void browser.storage.local.get(SYNC_SETTINGS_KEY).then((stored) => {
    follow(isOn(stored[SYNC_SETTINGS_KEY]));
    void run();
  });
}
