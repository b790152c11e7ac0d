import type { KeyValueArea } from '../platform/storage-area.ts';
import { withinCorrectionBound } from './clock-check.ts';

/** User settings, stored in `storage.local` in the clear: none of them is secret. */
export interface Settings {
  /** Lock the vault after this many minutes without using the popup. */
  idleMinutes: number;
  /** Also lock when the computer's screen locks, or no input reached the computer for `idleMinutes`. */
  lockOnSystemIdle: boolean;
  /** A verifier (or any HTTPS server) whose `Date` header is used to check this device's clock. */
  verifierUrl: string;
  /** Added to the device clock when making codes; measured by "Check time". */
  timeOffsetMs: number;
}

export const SETTINGS_KEY = 'settings';
export const DEFAULT_SETTINGS: Settings = {
  idleMinutes: 15,
  lockOnSystemIdle: true,
  verifierUrl: '',
  timeOffsetMs: 0,
};
export const MIN_IDLE_MINUTES = 1;
export const MAX_IDLE_MINUTES = 24 * 60;

function clampIdle(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return DEFAULT_SETTINGS.idleMinutes;
  return Math.min(MAX_IDLE_MINUTES, Math.max(MIN_IDLE_MINUTES, value));
}

/** Reads settings, falling back field by field to the defaults for anything missing or malformed. */
export async function loadSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<Settings> | undefined;
  return {
    idleMinutes: clampIdle(stored?.idleMinutes),
    lockOnSystemIdle:
      typeof stored?.lockOnSystemIdle === 'boolean'
        ? stored.lockOnSystemIdle
        : DEFAULT_SETTINGS.lockOnSystemIdle,
    verifierUrl: typeof stored?.verifierUrl === 'string' ? stored.verifierUrl : DEFAULT_SETTINGS.verifierUrl,
    // Older versions saved any offset a server claimed; one beyond today's bound is not applied.
    timeOffsetMs:
      typeof stored?.timeOffsetMs === 'number' && withinCorrectionBound(stored.timeOffsetMs)
        ? stored.timeOffsetMs
        : 0,
  };
}

export async function saveSettings(area: KeyValueArea, changes: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings(area)), ...changes };
  next.idleMinutes = clampIdle(next.idleMinutes);
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
