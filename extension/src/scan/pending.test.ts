import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { clearPendingScan, savePendingScan, takePendingScan } from './pending.ts';

describe('a scan waiting for the popup to reopen', () => {
  it('is there when the popup opens again within ten minutes', async () => {
    const session = new MemoryArea();
    await savePendingScan(session, { texts: ['otpauth://totp/x?secret=AA'], mode: 'selection', at: 1_000 });
    expect(await takePendingScan(session, 1_000 + 9 * 60_000)).toMatchObject({ mode: 'selection' });
  });

  it('is forgotten after ten minutes, secret included', async () => {
    const session = new MemoryArea();
    await savePendingScan(session, { texts: ['otpauth://totp/x?secret=AA'], mode: 'page', at: 1_000 });
    expect(await takePendingScan(session, 1_000 + 11 * 60_000)).toBeNull();
    expect(session.items.size).toBe(0);
  });

  it('is gone once the user confirmed or cancelled it', async () => {
    const session = new MemoryArea();
    await savePendingScan(session, { texts: [], mode: 'page', at: 1_000 });
    await clearPendingScan(session);
    expect(await takePendingScan(session, 1_000)).toBeNull();
  });
});
