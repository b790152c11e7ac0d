import type { KeyValueArea } from '../platform/storage-area.ts';
import { applyPolicy, type ManagedPolicy } from '../policy/managed-policy.ts';
import { loadSettings, SETTINGS_KEY, type Settings } from '../settings/settings.ts';
import { lockSession } from './lock.ts';

/** What `idle.onStateChanged` reports: input seen, none for the detection interval, or the screen locked. */
export type IdleState = 'active' | 'idle' | 'locked';

/** The shortest detection interval the `idle` API accepts. */
const MIN_DETECTION_SECONDS = 15;

/** Whether a change of the computer's state locks the vault under these settings. */
export function locksOn(state: IdleState, settings: Pick<Settings, 'lockOnSystemIdle'>): boolean {
  return settings.lockOnSystemIdle && (state === 'locked' || state === 'idle');
}

/** The computer counts as idle after the same minutes that lock the vault without popup use. */
export function detectionIntervalSeconds(idleMinutes: number): number {
  return Math.max(MIN_DETECTION_SECONDS, Math.round(idleMinutes * 60));
}

export interface SystemIdleDeps {
  idle: {
    setDetectionInterval(seconds: number): void;
    onStateChanged: { addListener(listener: (state: IdleState) => void | Promise<void>): void };
  };
  /** `storage.local`, where the settings are; its changes re-read them. */
  local: KeyValueArea & {
    onChanged?: { addListener(listener: (changes: Record<string, unknown>) => void): void };
  };
  /** `storage.session`, where the unlocked key is. */
  session: KeyValueArea;
  /** The organisation's policy, read afresh each time (it may change while the browser runs). */
  policy: () => Promise<ManagedPolicy>;
}

/**
 * Locks the vault when the screen locks or the computer has been idle for the auto-lock minutes, as
 * the auto-lock alarm does for the popup alone. Registered at the background's start; the listener
 * is added before any await, so a service worker woken by the event receives it.
 */
export async function watchSystemIdle({ idle, local, session, policy }: SystemIdleDeps): Promise<void> {
  idle.onStateChanged.addListener(async (state) => {
    if (locksOn(state, await loadSettings(local))) await lockSession(session);
  });
  const applyInterval = async () => {
    const { idleMinutes } = applyPolicy(await loadSettings(local), await policy());
    idle.setDetectionInterval(detectionIntervalSeconds(idleMinutes));
  };
  local.onChanged?.addListener((changes) => {
    if (SETTINGS_KEY in changes) void applyInterval();
  });
  await applyInterval();
}
