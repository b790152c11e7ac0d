import type { Alarms } from 'webextension-polyfill';

/** Alarm that locks the vault after the idle time; re-armed each time the user works with the popup. */
export const AUTO_LOCK_ALARM = 'auto-lock';

type AlarmApi = Pick<Alarms.Static, 'create' | 'clear'>;

export async function armAutoLock(alarms: AlarmApi, idleMinutes: number): Promise<void> {
  // Creating an alarm under an existing name replaces it, so each call restarts the countdown.
  await alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: idleMinutes });
}

export async function disarmAutoLock(alarms: AlarmApi): Promise<void> {
  await alarms.clear(AUTO_LOCK_ALARM);
}
