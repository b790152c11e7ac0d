import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { type ManagedPolicy, NO_POLICY } from '../policy/managed-policy.ts';
import { PENDING_SCAN_KEY, savePendingScan } from '../scan/pending.ts';
import { SETTINGS_KEY } from '../settings/settings.ts';
import { recallKey, rememberKey } from './session.ts';
import { detectionIntervalSeconds, type IdleState, locksOn, watchSystemIdle } from './system-idle.ts';

/** The `idle` API in memory: the detection interval it was given, and a way to change the state. */
function fakeIdle() {
  const listeners: ((state: IdleState) => void)[] = [];
  return {
    intervals: [] as number[],
    setDetectionInterval(seconds: number) {
      this.intervals.push(seconds);
    },
    onStateChanged: { addListener: (listener: (state: IdleState) => void) => listeners.push(listener) },
    async become(state: IdleState) {
      for (const listener of listeners) await listener(state);
    },
  };
}

async function unlockedSession(policy: ManagedPolicy = NO_POLICY) {
  const local = new MemoryArea();
  const session = new MemoryArea();
  await rememberKey(session, new Uint8Array(32).fill(7));
  await savePendingScan(session, {
    texts: ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
    mode: 'page',
    at: 1,
  });
  const idle = fakeIdle();
  const watching = watchSystemIdle({ idle, local, session, policy: async () => policy });
  return { local, session, idle, watching };
}

describe('locking when the computer locks or is idle', () => {
  it('is on by default, for the screen lock and for idle time alike', () => {
    expect(locksOn('locked', { lockOnSystemIdle: true })).toBe(true);
    expect(locksOn('idle', { lockOnSystemIdle: true })).toBe(true);
    expect(locksOn('active', { lockOnSystemIdle: true })).toBe(false);
    expect(locksOn('locked', { lockOnSystemIdle: false })).toBe(false);
    expect(locksOn('idle', { lockOnSystemIdle: false })).toBe(false);
  });

  it('counts idle time in the auto-lock minutes, never below the 15 s the browser allows', () => {
    expect(detectionIntervalSeconds(15)).toBe(900);
    expect(detectionIntervalSeconds(1)).toBe(60);
    expect(detectionIntervalSeconds(0)).toBe(15);
  });

  it('forgets the vault key and a waiting scan when the screen locks', async () => {
    const { session, idle, watching } = await unlockedSession();
    await watching;
    await idle.become('locked');
    expect(await recallKey(session)).toBeNull();
    expect(session.items.has(PENDING_SCAN_KEY)).toBe(false);
  });

  it("counts idle time in the organisation's maximum when the user chose longer", async () => {
    const { idle, watching } = await unlockedSession({ ...NO_POLICY, maxAutoLockMinutes: 5 });
    await watching;
    expect(idle.intervals).toEqual([5 * 60]);
  });

  it('locks after the auto-lock minutes without input anywhere on the computer', async () => {
    const { session, idle, watching } = await unlockedSession();
    await watching;
    expect(idle.intervals).toEqual([15 * 60]);
    await idle.become('active');
    expect(await recallKey(session)).not.toBeNull();
    await idle.become('idle');
    expect(await recallKey(session)).toBeNull();
  });

  it('leaves the vault open when the user turned the setting off', async () => {
    const { local, session, idle, watching } = await unlockedSession();
    await watching;
    await local.set({ [SETTINGS_KEY]: { lockOnSystemIdle: false } });
    await idle.become('locked');
    await idle.become('idle');
    expect(await recallKey(session)).not.toBeNull();
  });

  it('follows a change of the auto-lock minutes', async () => {
    const { local, idle, watching } = await unlockedSession();
    await watching;
    await local.set({ [SETTINGS_KEY]: { idleMinutes: 5 } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(idle.intervals.at(-1)).toBe(300);
  });
});
