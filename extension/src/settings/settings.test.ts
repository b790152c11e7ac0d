import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { loadSettings, SETTINGS_KEY, saveSettings } from './settings.ts';

describe('settings', () => {
  it('lock after 15 idle minutes and when the computer locks or idles, by default, with no clock correction', async () => {
    expect(await loadSettings(new MemoryArea())).toEqual({
      idleMinutes: 15,
      lockOnSystemIdle: true,
      verifierUrl: '',
      timeOffsetMs: 0,
    });
  });

  it('keep the idle time within 1 minute and a day', async () => {
    const area = new MemoryArea();
    expect((await saveSettings(area, { idleMinutes: 0 })).idleMinutes).toBe(1);
    expect((await saveSettings(area, { idleMinutes: 100_000 })).idleMinutes).toBe(1440);
  });

  it('fall back field by field when the stored settings are damaged', async () => {
    const area = new MemoryArea();
    await area.set({
      [SETTINGS_KEY]: {
        idleMinutes: 'soon',
        lockOnSystemIdle: 'no',
        verifierUrl: 'https://v.example',
        timeOffsetMs: null,
      },
    });
    expect(await loadSettings(area)).toEqual({
      idleMinutes: 15,
      lockOnSystemIdle: true,
      verifierUrl: 'https://v.example',
      timeOffsetMs: 0,
    });
  });

  it('ignore a stored clock correction beyond 5 minutes (older versions saved any offset)', async () => {
    const area = new MemoryArea();
    await area.set({ [SETTINGS_KEY]: { timeOffsetMs: 5 * 60_000 + 1 } });
    expect((await loadSettings(area)).timeOffsetMs).toBe(0);
    await area.set({ [SETTINGS_KEY]: { timeOffsetMs: -4 * 60_000 } });
    expect((await loadSettings(area)).timeOffsetMs).toBe(-4 * 60_000);
  });
});
