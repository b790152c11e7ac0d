import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type VaultAccount, withId } from '../../accounts/account.ts';
import { randomBytes } from '../../platform/random.ts';
import { avatarOf } from './avatar.ts';
import { applyPlacement, placementOf } from './placement.ts';
import { loadSortOrder, SORT_ORDER_KEY, saveSortOrder, sortAccounts } from './sort-order.ts';

const secret = new Uint8Array(20).fill(7);
const account = (issuer: string, name: string, pinned = false): VaultAccount => ({
  ...withId(
    { type: 'totp', secret, issuer, account: name, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    randomBytes,
  ),
  pinned,
});
const issuers = (list: readonly VaultAccount[]) => list.map((a) => a.issuer);

/** A storage area holding one stored value, as storage.local hands it back. */
const areaWith = (value: unknown) => {
  const stored: Record<string, unknown> = { [SORT_ORDER_KEY]: value };
  return {
    get: async () => ({ ...stored }),
    set: async (items: Record<string, unknown>) => void Object.assign(stored, items),
    remove: async () => {},
  };
};

describe('the sort order', () => {
  it('sorts by name without regard to case and with numbers in numeric order', () => {
    const list = [
      account('bank', 'b'),
      account('Site 10', 'x'),
      account('Site 9', 'x'),
      account('Alpha', 'a'),
    ];
    expect(issuers(sortAccounts(list, 'name'))).toEqual(['Alpha', 'bank', 'Site 9', 'Site 10']);
    expect(issuers(sortAccounts(list, 'manual'))).toEqual(issuers(list));
  });

  it('reads back what was saved, and takes anything else stored as the manual order', async () => {
    const area = areaWith(undefined);
    await saveSortOrder(area, 'name');
    expect(await loadSortOrder(area)).toBe('name');
    await fc.assert(
      fc.asyncProperty(
        fc.anything().filter((value) => value !== 'name'),
        async (value) => {
          expect(await loadSortOrder(areaWith(value))).toBe('manual');
        },
      ),
    );
  });
});

describe('the edit screen’s placement draft', () => {
  it('applies the pin and the drafted order, and keeps accounts added meanwhile after them', () => {
    const [a, b, c] = [account('A', 'a'), account('B', 'b'), account('C', 'c')];
    const draft = { ...placementOf([a, b, c], c.id), pinned: true };
    const added = account('D', 'd');
    expect(issuers(applyPlacement([a, b, c, added], c.id, draft))).toEqual(['C', 'A', 'B', 'D']);
    expect(applyPlacement([a, b, c], c.id, draft)[0]?.pinned).toBe(true);
    // An unchanged draft gives the list back as it was.
    expect(applyPlacement([a, b, c], b.id, placementOf([a, b, c], b.id))).toEqual([a, b, c]);
  });
});

describe('the letter avatar', () => {
  it('takes the first letter of the issuer, else of the name, and one colour per issuer', () => {
    expect(avatarOf({ issuer: 'github', account: 'alice' }).letter).toBe('G');
    expect(avatarOf({ issuer: '', account: 'ädmin@example.com' }).letter).toBe('Ä');
    expect(avatarOf({ issuer: '', account: '' }).letter).toBe('?');
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (issuer, one, other) => {
        const first = avatarOf({ issuer: issuer || 'x', account: one });
        expect(avatarOf({ issuer: issuer || 'x', account: other })).toEqual(first);
        expect(first.colour).toBeGreaterThanOrEqual(0);
        expect(first.colour).toBeLessThan(8);
      }),
    );
  });
});
