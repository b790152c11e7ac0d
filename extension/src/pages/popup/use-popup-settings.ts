import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../platform/browser.ts';
import { loadManagedPolicy } from '../../platform/managed-storage.ts';
import { applyPolicy, type ManagedPolicy, NO_POLICY } from '../../policy/managed-policy.ts';
import type { ClockCheck } from '../../settings/clock-check.ts';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  type Settings as SettingsValues,
  saveSettings,
} from '../../settings/settings.ts';
import * as vault from '../vault-session.ts';
import { checkTimeAgainst } from './check-time.ts';

/**
 * The popup's settings: what the user chose, within what the organisation enforces through
 * storage.managed, and the actions of the Settings screen that change them.
 */
export function usePopupSettings(fail: (error: unknown) => void) {
  const [stored, setStored] = useState<SettingsValues>(DEFAULT_SETTINGS);
  const [policy, setPolicy] = useState<ManagedPolicy>(NO_POLICY);

  useEffect(() => {
    loadSettings(browser.storage.local).then(setStored, fail);
    loadManagedPolicy().then(setPolicy, fail);
  }, [fail]);

  const saveIdle = (idleMinutes: number) =>
    void saveSettings(browser.storage.local, { idleMinutes }).then(async (next) => {
      setStored(next);
      await vault.noteActivity();
    });

  const saveLockOnSystemIdle = (lockOnSystemIdle: boolean) =>
    void saveSettings(browser.storage.local, { lockOnSystemIdle }).then(setStored, fail);

  // An offset beyond the bound is reported by Settings and not applied: the previous one stays.
  const checkTime = (url: string): Promise<ClockCheck> =>
    checkTimeAgainst(url).then(async (check) => {
      const changes = check.correct
        ? { verifierUrl: url, timeOffsetMs: check.offsetMs }
        : { verifierUrl: url };
      setStored(await saveSettings(browser.storage.local, changes));
      return check;
    });

  const useDeviceClock = () =>
    void saveSettings(browser.storage.local, { timeOffsetMs: 0 }).then(setStored, fail);

  return {
    settings: applyPolicy(stored, policy),
    policy,
    saveIdle,
    saveLockOnSystemIdle,
    checkTime,
    useDeviceClock,
  };
}
