import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { base32Decode } from '../../../shared/index.ts';
import { fakeBrowser } from '../../test-support/fake-browser.ts';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { type VaultAccount, withId } from '../accounts/account.ts';
import { randomBytes } from '../platform/random.ts';
import { CHROME_SYNC_QUOTA } from '../sync/chunks.ts';
import { joinSyncedVault } from '../sync/join.ts';
import { type SyncDeps, syncOnce } from '../sync/run-sync.ts';
import type { SyncArea } from '../sync/sync-area.ts';
import { loadSyncSettings, storeSyncSettings } from '../sync/sync-settings.ts';
import { rememberKey } from '../vault/session.ts';
import { createVault, loadAccounts, saveAccounts } from '../vault/vault.ts';
import { watchSync } from './sync-watch.ts';

const fake = vi.hoisted(() => ({ browser: undefined as unknown as ReturnType<typeof fakeBrowser> }));
vi.mock('../platform/browser.ts', () => ({
  get browser() {
    return fake.browser;
  },
}));

const PASSWORD = 'correct horse battery';

function account(issuer: string, name: string): VaultAccount {
  const secret = base32Decode('JBSWY3DPEHPK3PXP');
  return withId(
    { type: 'totp', secret, issuer, account: name, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    randomBytes,
  );
}

/** The fake browser's storage.sync as the other computer's own browser would hand it the same items. */
const sharedSyncArea = (): SyncArea => ({
  quota: CHROME_SYNC_QUOTA,
  getAll: () => fake.browser.storage.sync.get(null),
  set: (items) => fake.browser.storage.sync.set(items),
  remove: (keys) => fake.browser.storage.sync.remove(keys),
});

const syncListeners = () => fake.browser.storage.sync.onChanged.listeners.size;
const local = () => fake.browser.storage.local;
const names = async (key: Uint8Array) =>
  (await loadAccounts(local(), key)).accounts.map((entry) => entry.account).sort();

/** This computer: a password vault with one account, unlocked (its key in storage.session). */
async function unlockedVault(): Promise<Uint8Array> {
  const key = await createVault({ area: local(), randomBytes }, PASSWORD);
  const snapshot = await loadAccounts(local(), key);
  await saveAccounts(
    { area: local(), randomBytes },
    key,
    [account('Example', 'ana@example.com')],
    snapshot.revision,
  );
  await rememberKey(fake.browser.storage.session, key);
  return key;
}

async function setSync(enabled: boolean): Promise<void> {
  await storeSyncSettings(local(), { ...(await loadSyncSettings(local(), randomBytes)), enabled });
}

beforeEach(() => {
  fake.browser = fakeBrowser();
});
afterEach(() => vi.restoreAllMocks());

describe('the background with sync', () => {
  it('leaves storage.sync unwatched while sync is off, through vault edits and an unlock', async () => {
    watchSync();
    await unlockedVault();
    await new Promise((done) => setTimeout(done, 0));
    expect(syncListeners()).toBe(0);
    expect(await fake.browser.storage.sync.get(null)).toEqual({});
  });

  it('once sync is on, seals the vault into storage.sync and merges an account another computer adds', async () => {
    watchSync();
    const key = await unlockedVault();
    await setSync(true);
    await expect.poll(() => fake.browser.storage.sync.get(null)).not.toEqual({});
    expect(syncListeners()).toBe(1);

    // Another computer signed into the same browser account joins and adds an account.
    const other: SyncDeps = {
      local: new MemoryArea('local'),
      sync: sharedSyncArea(),
      randomBytes,
      now: Date.now,
    };
    const joined = await joinSyncedVault(other, PASSWORD);
    if (!joined.ok) throw new Error(`the other computer could not join: ${joined.reason}`);
    const theirs = await loadAccounts(other.local, joined.key);
    await saveAccounts(
      { area: other.local, randomBytes },
      joined.key,
      [...theirs.accounts, account('Mail', 'ana@mail.test')],
      theirs.revision,
    );
    await storeSyncSettings(other.local, {
      ...(await loadSyncSettings(other.local, randomBytes)),
      enabled: true,
    });
    expect(await syncOnce(other, joined.key)).toMatchObject({ kind: 'synced' });

    // The browser delivers the items and reports the change to whoever listens to the sync area.
    for (const listener of fake.browser.storage.sync.onChanged.listeners) listener({}, 'sync');
    await expect.poll(() => names(key)).toEqual(['ana@example.com', 'ana@mail.test']);

    await setSync(false);
    await expect.poll(syncListeners).toBe(0);
  });
});
