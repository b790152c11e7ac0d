import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VaultAccount } from './account.ts';
import { displayOrder, moveNextTo } from './list.ts';

// Drag and drop in the popup: the dropped account lands beside the row it was dropped on, and
// nothing else in the list changes place.

const accountNamed = (id: string, pinned: boolean): VaultAccount => ({
  id,
  pinned,
  type: 'totp',
  secret: new Uint8Array(10).fill(1),
  issuer: `Issuer ${id}`,
  account: id,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});

/** A list of 1 to 12 accounts, some pinned, in any stored order; and a drag: which, onto which, which side. */
const drag = fc
  .array(fc.boolean(), { minLength: 1, maxLength: 12 })
  .map((pins) => pins.map((pinned, i) => accountNamed(`a${i}`, pinned)))
  .chain((list) =>
    fc.record({
      list: fc.constant(list),
      from: fc.nat(list.length - 1),
      onto: fc.nat(list.length - 1),
      side: fc.constantFrom('before' as const, 'after' as const),
    }),
  );

const ids = (list: readonly VaultAccount[]) => list.map((a) => a.id);
const without = (list: readonly VaultAccount[], id: string) => ids(list).filter((other) => other !== id);

describe('moving an account by drag and drop', () => {
  it('keeps the same accounts, moves only the dragged one, and keeps pinned accounts first', () => {
    fc.assert(
      fc.property(drag, ({ list, from, onto, side }) => {
        const moving = list[from] as VaultAccount;
        const target = list[onto] as VaultAccount;
        const before = structuredClone(list);
        const next = moveNextTo(list, moving.id, target.id, side);
        expect(list).toEqual(before);
        expect([...ids(next)].sort()).toEqual([...ids(list)].sort());
        expect(without(next, moving.id)).toEqual(without(displayOrder(list), moving.id));
        expect(ids(displayOrder(next))).toEqual(ids(next));
        expect(next.find((a) => a.id === moving.id)?.pinned).toBe(moving.pinned);
      }),
    );
  });

  it('puts it just above or just below the row it was dropped on, within its group', () => {
    fc.assert(
      fc.property(drag, ({ list, from, onto, side }) => {
        const moving = list[from] as VaultAccount;
        const target = list[onto] as VaultAccount;
        fc.pre(moving !== target && moving.pinned === target.pinned);
        const next = ids(moveNextTo(list, moving.id, target.id, side));
        expect(next.indexOf(moving.id) - next.indexOf(target.id)).toBe(side === 'before' ? -1 : 1);
      }),
    );
  });

  it('dropped beside the other group, stops at its own group’s nearest edge', () => {
    fc.assert(
      fc.property(drag, ({ list, from, onto, side }) => {
        const moving = list[from] as VaultAccount;
        const target = list[onto] as VaultAccount;
        fc.pre(moving.pinned !== target.pinned);
        const next = moveNextTo(list, moving.id, target.id, side);
        const pinnedCount = next.filter((a) => a.pinned).length;
        // The last of the pinned, or the first of the others: the border between the groups.
        expect(ids(next).indexOf(moving.id)).toBe(moving.pinned ? pinnedCount - 1 : pinnedCount);
      }),
    );
  });

  it('reorders the list as the user sees it: pinned ones among themselves', () => {
    const list = [accountNamed('a', false), accountNamed('b', true), accountNamed('c', true)];
    expect(ids(moveNextTo(list, 'c', 'b', 'before'))).toEqual(['c', 'b', 'a']);
    expect(ids(moveNextTo(list, 'a', 'b', 'before'))).toEqual(['b', 'c', 'a']);
    expect(ids(moveNextTo(list, 'b', 'a', 'after'))).toEqual(['c', 'b', 'a']);
  });
});
