import type { VaultAccount } from '../accounts/account.ts';
import type { KeyValueArea } from '../platform/storage-area.ts';
import { CURRENT_VERSION } from '../vault/format.ts';
import { loadAccounts, readRecord, saveAccounts } from '../vault/vault.ts';
import {
  fromItems,
  isChunkKey,
  MANIFEST_KEY,
  type Manifest,
  type RemoteCopy,
  toItems,
  totalBytes,
} from './chunks.ts';
import { liveAccounts, mergeStates, type SyncState, sameState, withLocalChanges } from './entries.ts';
import { SyncFormatError } from './errors.ts';
import { BASE_PLACE, DecryptionError, openState, sealState } from './sealed-state.ts';
import { fromStored, toStored } from './state-codec.ts';
import { type SyncArea, SyncQuotaError } from './sync-area.ts';
import { loadSyncSettings, type SyncSettings, type SyncStatus, storeSyncSettings } from './sync-settings.ts';

export interface SyncDeps {
  /** `storage.local`: the vault and this computer's sync record. */
  local: KeyValueArea;
  sync: SyncArea;
  randomBytes: (n: number) => Uint8Array;
  now: () => number;
  /** The vault's Web Lock, so a merge never replaces a change made meanwhile in a window. */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

async function openRemote(key: Uint8Array, remote: Extract<RemoteCopy, { kind: 'found' }>) {
  const { iv, generation } = remote.manifest;
  return openState(key, { iv, ciphertext: remote.ciphertext }, generation);
}

async function openBase(key: Uint8Array, settings: SyncSettings): Promise<SyncState> {
  if (!settings.base) return [];
  try {
    return await openState(key, settings.base, BASE_PLACE);
  } catch {
    return []; // a base of an earlier vault: every account counts as new, nothing is deleted
  }
}

const sameAccounts = (a: readonly VaultAccount[], b: readonly VaultAccount[]) =>
  JSON.stringify(toStored(a)) === JSON.stringify(toStored(b));

/**
 * Writes a new generation: chunks first, the manifest last, then the other generations go. When
 * the old and new generations do not fit side by side, the old chunks go first (a reader meanwhile
 * finds an incomplete copy and waits; it never mixes generations). Nothing is written when the new
 * one alone does not fit.
 */
async function push(
  deps: SyncDeps,
  key: Uint8Array,
  state: SyncState,
  manifest: Pick<Manifest, 'protection'>,
  before: Record<string, unknown>,
): Promise<SyncStatus | null> {
  const generation = hex(deps.randomBytes(8));
  const sealed = await sealState(key, state, generation, deps.randomBytes);
  const items = toItems(
    { format: 1, generation, iv: sealed.iv, ...manifest },
    sealed.ciphertext,
    deps.sync.quota,
  );
  const needed = totalBytes(items);
  const { quota } = deps.sync;
  if (needed > quota.bytes || Object.keys(items).length > quota.items)
    return { kind: 'quota', neededBytes: needed, allowedBytes: quota.bytes };
  const stale = Object.keys(before).filter(isChunkKey);
  const { [MANIFEST_KEY]: manifestItem, ...chunks } = items;
  try {
    if (totalBytes(before) + needed > quota.bytes || stale.length + Object.keys(items).length > quota.items)
      await deps.sync.remove(stale);
    await deps.sync.set(chunks);
    await deps.sync.set({ [MANIFEST_KEY]: manifestItem });
  } catch (error) {
    if (error instanceof SyncQuotaError)
      return { kind: 'quota', neededBytes: needed, allowedBytes: quota.bytes };
    throw error;
  }
  await deps.sync.remove(stale.filter((k) => !(k in chunks)));
  return null;
}

/**
 * One exchange: this computer's changes since the last merge, merged with the synced copy; the result
 * goes into the vault (unless it would empty a vault that has accounts) and, when it tells the other
 * computers anything new, back to the sync area. Returns (and stores) what Settings should say.
 */
export async function syncOnce(deps: SyncDeps, key: Uint8Array): Promise<SyncStatus | null> {
  const settings = await loadSyncSettings(deps.local, deps.randomBytes);
  if (!settings.enabled) return null;
  const record = await readRecord(deps.local);
  if (!record || record.version !== CURRENT_VERSION) return null;
  const finish = async (status: SyncStatus, base = settings.base, next = settings) => {
    await storeSyncSettings(deps.local, { ...next, base, status });
    return status;
  };
  if (record.protection.mode !== 'password') return finish({ kind: 'no-password' });
  const before = await deps.sync.getAll();
  let remoteState: SyncState = [];
  let remote: RemoteCopy;
  try {
    remote = fromItems(before);
    if (remote.kind === 'incomplete') return null; // another computer is writing: its change comes next
    if (remote.kind === 'found') remoteState = await openRemote(key, remote);
  } catch (error) {
    if (error instanceof DecryptionError) return finish({ kind: 'other-vault' });
    if (error instanceof SyncFormatError) return finish({ kind: 'damaged', detail: error.message });
    throw error;
  }
  const snapshot = await loadAccounts(deps.local, key);
  const base = await openBase(key, settings);
  const mine = withLocalChanges(base, toStored(snapshot.accounts), {
    now: deps.now(),
    device: settings.device,
  });
  const merged = mergeStates(mine, remoteState);
  const accounts = fromStored(liveAccounts(merged));
  if (accounts.length === 0 && snapshot.accounts.length > 0) return finish({ kind: 'refused-empty' });
  // A conflict (a window saved meanwhile) is thrown: the caller runs again on that change.
  if (!sameAccounts(accounts, snapshot.accounts))
    await saveAccounts({ area: deps.local, ...deps }, key, accounts, snapshot.revision);
  const newBase = await sealState(key, merged, BASE_PLACE, deps.randomBytes);
  // A password changed here since the last exchange goes out; otherwise the synced copy keeps the
  // parameters it has, so two computers with different passwords do not take turns replacing them.
  const localProtection = JSON.stringify(record.protection);
  const passwordChanged = localProtection !== settings.protection;
  const protection =
    remote.kind === 'found' && !passwordChanged ? remote.manifest.protection : record.protection;
  const after = { ...settings, protection: localProtection };
  if (
    remote.kind === 'none' ||
    (passwordChanged && remote.kind === 'found') ||
    !sameState(merged, remoteState)
  ) {
    const refused = await push(deps, key, merged, { protection }, before);
    if (refused) return finish(refused, newBase, after);
  }
  return finish({ kind: 'synced', at: deps.now() }, newBase, after);
}
