import type { Sealed } from '../crypto/aead.ts';
import { t } from '../i18n/t.ts';
import type { KeyValueArea } from '../platform/storage-area.ts';

/**
 * This computer's side of sync, in `storage.local`: whether it is on, a random id for this computer
 * (it breaks ties between equal revisions), the last merged state sealed with the vault key (what
 * tells a local deletion from an account this computer never had) and the outcome of the last run.
 */
export const SYNC_SETTINGS_KEY = 'sync';

export type SyncStatus =
  | { kind: 'off' }
  | { kind: 'synced'; at: number }
  /** The sealed accounts do not fit: nothing was written to the sync area, the vault is unharmed. */
  | { kind: 'quota'; neededBytes: number; allowedBytes: number }
  /** The synced copy was sealed with another vault's key (a vault set up apart on another computer). */
  | { kind: 'other-vault' }
  /** The merge would have emptied a vault that has accounts; nothing was applied. */
  | { kind: 'refused-empty' }
  | { kind: 'no-password' }
  | { kind: 'damaged'; detail: string };

export interface SyncSettings {
  enabled: boolean;
  device: string;
  base: Sealed | null;
  /** The vault's key protection (JSON) at the last exchange: a change means the password changed here. */
  protection: string | null;
  status: SyncStatus;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function isSealed(value: unknown): value is Sealed {
  const v = value as Partial<Sealed> | null;
  return typeof v === 'object' && v !== null && typeof v.iv === 'string' && typeof v.ciphertext === 'string';
}

/** What is stored, or a fresh "off" record; an unreadable record reads as off rather than failing the popup. */
export async function loadSyncSettings(
  local: KeyValueArea,
  randomBytes: (n: number) => Uint8Array,
): Promise<SyncSettings> {
  const stored = (await local.get(SYNC_SETTINGS_KEY))[SYNC_SETTINGS_KEY] as Partial<SyncSettings> | undefined;
  const device = typeof stored?.device === 'string' && stored.device ? stored.device : hex(randomBytes(8));
  return {
    enabled: stored?.enabled === true,
    device,
    base: isSealed(stored?.base) ? stored.base : null,
    protection: typeof stored?.protection === 'string' ? stored.protection : null,
    status:
      stored?.enabled === true && typeof stored.status?.kind === 'string'
        ? (stored.status as SyncStatus)
        : { kind: 'off' },
  };
}

export async function storeSyncSettings(local: KeyValueArea, settings: SyncSettings): Promise<void> {
  await local.set({ [SYNC_SETTINGS_KEY]: settings });
}

const kb = (bytes: number) => Math.ceil(bytes / 1024);

/** The sentence Settings shows for a status. */
export function describeSyncStatus(status: SyncStatus): string {
  switch (status.kind) {
    case 'off':
      return t('syncOff');
    case 'synced':
      return t('syncOn');
    case 'quota':
      return t('syncPausedQuota', kb(status.neededBytes), kb(status.allowedBytes));
    case 'other-vault':
      return t('syncPausedOtherVault');
    case 'refused-empty':
      return t('syncPausedWouldEmpty');
    case 'no-password':
      return t('syncNeedsPassword');
    case 'damaged':
      return t('syncPausedDetail', status.detail);
  }
}
