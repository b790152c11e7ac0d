import type { VaultAccount } from '../accounts/account.ts';
import { browser } from '../platform/browser.ts';
import { exclusiveVaultChange } from '../platform/exclusive.ts';
import { loadManagedPolicy } from '../platform/managed-storage.ts';
import { randomBytes } from '../platform/random.ts';
import { browserSyncArea } from '../platform/sync-storage.ts';
import { applyPolicy } from '../policy/managed-policy.ts';
import { loadSettings } from '../settings/settings.ts';
import { joinSyncedVault, syncedVaultWaiting } from '../sync/join.ts';
import { armAutoLock, disarmAutoLock } from '../vault/auto-lock.ts';
import { CURRENT_VERSION } from '../vault/format.ts';
import { lockSession } from '../vault/lock.ts';
import { recallKey, rememberKey } from '../vault/session.ts';
import {
  type AccountsSnapshot,
  changePassword,
  createVault,
  keyWithoutPassword,
  loadAccounts,
  openAccounts,
  readRecord,
  saveAccounts,
  type UnlockResult,
  unlock,
} from '../vault/vault.ts';

/**
 * The popup's connection to the vault: the pure vault functions bound to the browser's storage areas,
 * plus the session key and auto-lock bookkeeping. Everything the UI does to the vault goes through here.
 */
export type VaultState =
  | { status: 'absent' }
  /** `synced`: no vault here yet, but one synced from another computer opens with its password. */
  | { status: 'locked'; synced?: true }
  | { status: 'unlocked'; key: Uint8Array; snapshot: AccountsSnapshot; passwordless: boolean };

const deps = () => ({ area: browser.storage.local, randomBytes, exclusive: exclusiveVaultChange });

async function opened(key: Uint8Array, passwordless: boolean): Promise<VaultState> {
  await rememberKey(browser.storage.session, key);
  void noteActivity();
  return { status: 'unlocked', key, snapshot: await loadAccounts(browser.storage.local, key), passwordless };
}

/** Restarts the idle countdown; called when the popup opens and on every action. */
export async function noteActivity(): Promise<void> {
  const settings = await loadSettings(browser.storage.local);
  // Armed at once with the user's choice, since Chromium can leave storage.managed unanswered for
  // long and the vault must not stay open meanwhile; the policy's limit shortens it when it answers.
  await armAutoLock(browser.alarms, settings.idleMinutes);
  const { idleMinutes } = applyPolicy(settings, await loadManagedPolicy());
  if (idleMinutes !== settings.idleMinutes) await armAutoLock(browser.alarms, idleMinutes);
}

/**
 * What the popup shows when it opens. The record and the session key are read together and the
 * record only once: this path decides how soon the first code appears.
 */
export async function currentState(): Promise<VaultState> {
  const [record, sessionKey] = await Promise.all([
    readRecord(browser.storage.local),
    recallKey(browser.storage.session),
  ]);
  if (!record) return { status: 'absent' };
  if (record.version !== 1 && record.protection.mode === 'none') {
    // An older passwordless vault is upgraded here, as a password vault is on unlock.
    const key =
      record.version === CURRENT_VERSION
        ? await keyWithoutPassword(browser.storage.local)
        : await unlock(deps(), '').then((result) => (result.ok ? result.key : null));
    if (key) return opened(key, true);
  }
  if (!sessionKey || record.version !== CURRENT_VERSION) return { status: 'locked' };
  void noteActivity();
  return {
    status: 'unlocked',
    key: sessionKey,
    snapshot: await openAccounts(record, sessionKey),
    passwordless: false,
  };
}

/**
 * For a page that found no vault, when the user asks for synced accounts: the Unlock screen when a
 * vault synced from another computer waits in storage.sync, else null. Only this question reads the
 * sync area before sync is turned on.
 */
export async function syncedState(): Promise<VaultState | null> {
  if (await readRecord(browser.storage.local)) return null;
  return (await syncedVaultWaiting({ sync: browserSyncArea() })) ? { status: 'locked', synced: true } : null;
}

export async function setUp(password: string | null): Promise<VaultState> {
  const key = await createVault(deps(), password);
  return opened(key, password === null);
}

export async function unlockWith(password: string): Promise<VaultState | UnlockResult> {
  if (!(await readRecord(browser.storage.local))) return joinWith(password);
  const result = await unlock(deps(), password);
  return result.ok ? opened(result.key, false) : result;
}

/** A new install opening the vault synced from another computer (or this one before a reinstall). */
async function joinWith(password: string): Promise<VaultState | UnlockResult> {
  const sync = { local: browser.storage.local, sync: browserSyncArea(), randomBytes, now: Date.now };
  const result = await joinSyncedVault({ ...sync, exclusive: exclusiveVaultChange }, password);
  if (result.ok) return opened(result.key, false);
  if (result.reason === 'nothing-synced') return { status: 'absent' };
  return { ok: false, reason: 'wrong-password' };
}

export async function lockNow(): Promise<VaultState> {
  await lockSession(browser.storage.session);
  await disarmAutoLock(browser.alarms);
  return { status: 'locked' };
}

export async function save(
  state: Extract<VaultState, { status: 'unlocked' }>,
  accounts: VaultAccount[],
  changes: { lastBackupAt?: number } = {},
): Promise<Extract<VaultState, { status: 'unlocked' }>> {
  const snapshot = await saveAccounts(deps(), state.key, accounts, state.snapshot.revision, changes);
  // Not awaited: re-arming the auto-lock reads storage.managed, which Chromium can leave unanswered
  // for long; the popup would keep showing the add it already saved (as already in the list).
  void noteActivity();
  return { ...state, snapshot };
}

export async function setPassword(current: string | null, next: string | null): Promise<UnlockResult> {
  const result = await changePassword(deps(), current, next);
  if (result.ok) await rememberKey(browser.storage.session, result.key);
  return result;
}
