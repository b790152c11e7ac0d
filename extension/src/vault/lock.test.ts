import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { PENDING_SCAN_KEY, savePendingScan } from '../scan/pending.ts';
import { lockSession } from './lock.ts';
import { recallKey, rememberKey } from './session.ts';

describe('locking', () => {
  it('forgets the vault key and a scanned code waiting to be added, whose secret is in clear', async () => {
    const session = new MemoryArea();
    await rememberKey(session, new Uint8Array(32).fill(7));
    await savePendingScan(session, {
      texts: ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
      mode: 'page',
      at: 1,
    });
    await lockSession(session);
    expect(await recallKey(session)).toBeNull();
    expect(session.items.has(PENDING_SCAN_KEY)).toBe(false);
  });
});
