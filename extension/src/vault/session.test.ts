import { describe, expect, it } from 'vitest';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { randomBytes } from '../platform/random.ts';
import { forgetKey, recallKey, rememberKey } from './session.ts';

describe('the unlocked key in session storage', () => {
  it('is remembered until the vault is locked', async () => {
    const session = new MemoryArea();
    const key = randomBytes(32);
    await rememberKey(session, key);
    expect(await recallKey(session)).toEqual(key);
    await forgetKey(session);
    expect(await recallKey(session)).toBeNull();
  });

  it('reads a damaged session entry as locked rather than failing', async () => {
    const session = new MemoryArea();
    await session.set({ vaultKey: 'not base64!' });
    expect(await recallKey(session)).toBeNull();
  });
});
