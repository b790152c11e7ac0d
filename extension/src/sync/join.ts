import { DecryptionError, open } from '../crypto/aead.ts';
import { deriveKey } from '../crypto/kdf.ts';
import { aad, CURRENT_VERSION } from '../vault/format.ts';
import { createFromSynced } from '../vault/vault.ts';
import { fromItems } from './chunks.ts';
import { liveAccounts } from './entries.ts';
import type { SyncDeps } from './run-sync.ts';
import { BASE_PLACE, openState, sealState } from './sealed-state.ts';
import { fromStored } from './state-codec.ts';
import { loadSyncSettings, storeSyncSettings } from './sync-settings.ts';

/** Whether the sync area holds a synced vault that an empty install can open with its password. */
export async function syncedVaultWaiting(deps: Pick<SyncDeps, 'sync'>): Promise<boolean> {
  try {
    return fromItems(await deps.sync.getAll()).kind === 'found';
  } catch {
    return false;
  }
}

export type JoinResult =
  | { ok: true; key: Uint8Array }
  | { ok: false; reason: 'wrong-password' | 'nothing-synced' };

/**
 * After a reinstall, or on a second computer signed into the same browser account: the password
 * derives the key with the parameters stored beside the synced copy and unwraps the vault key; the
 * synced accounts become this install's vault and sync stays on. A wrong password changes nothing.
 */
export async function joinSyncedVault(deps: SyncDeps, password: string): Promise<JoinResult> {
  const remote = fromItems(await deps.sync.getAll());
  if (remote.kind !== 'found') return { ok: false, reason: 'nothing-synced' };
  const { protection, iv, generation } = remote.manifest;
  const wrappingKey = await deriveKey(password, protection.kdf);
  let key: Uint8Array;
  try {
    key = await open(wrappingKey, protection.wrappedKey, aad.key(CURRENT_VERSION));
  } catch (error) {
    if (error instanceof DecryptionError) return { ok: false, reason: 'wrong-password' };
    throw error;
  } finally {
    wrappingKey.fill(0);
  }
  const state = await openState(key, { iv, ciphertext: remote.ciphertext }, generation);
  await createFromSynced({ area: deps.local, ...deps }, key, protection, fromStored(liveAccounts(state)));
  const settings = await loadSyncSettings(deps.local, deps.randomBytes);
  await storeSyncSettings(deps.local, {
    ...settings,
    enabled: true,
    base: await sealState(key, state, BASE_PLACE, deps.randomBytes),
    protection: JSON.stringify(protection),
    status: { kind: 'synced', at: deps.now() },
  });
  return { ok: true, key };
}
