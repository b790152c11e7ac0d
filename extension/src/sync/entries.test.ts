import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  liveAccounts,
  mergeStates,
  rank,
  type SyncEntry,
  type SyncState,
  sameState,
  withLocalChanges,
} from './entries.ts';

// Accounts here are small stand-ins ({ id, name }): the merge only compares them as JSON.
type Plain = { id: string; name: string };

const entry: fc.Arbitrary<SyncEntry> = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    rev: fc.integer({ min: 0, max: 6 }),
    by: fc.constantFrom('x', 'y'),
    account: fc.option(fc.constantFrom('one', 'two'), { nil: null }),
  })
  .map((e) => ({ ...e, account: e.account === null ? null : { id: e.id, name: e.account } }));

/** The exact entries, whatever their order: the strictest comparison of two states. */
const same = (a: SyncState, b: SyncState) => {
  const canonical = (s: SyncState) => JSON.stringify([...s].sort((x, y) => x.id.localeCompare(y.id)));
  return canonical(a) === canonical(b);
};

const state: fc.Arbitrary<SyncState> = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 4 });

describe('merging synced states', () => {
  it('gives the same state whichever side merges first (commutative)', () => {
    fc.assert(fc.property(state, state, (a, b) => same(mergeStates(a, b), mergeStates(b, a))));
  });

  it('gives the same state however three computers group their exchanges (associative)', () => {
    fc.assert(
      fc.property(state, state, state, (a, b, c) =>
        same(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c))),
      ),
    );
  });

  it('changes nothing when a state meets itself or a state it already contains (idempotent)', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const merged = mergeStates(a, b);
        return (
          same(mergeStates(a, a), a) && same(mergeStates(merged, b), merged) && sameState(merged, merged)
        );
      }),
    );
  });

  it('keeps every account of either side and, for each, the higher-ranked version', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const merged = new Map(mergeStates(a, b).map((e) => [e.id, e]));
        return [...a, ...b].every((e) => {
          const kept = merged.get(e.id);
          return kept !== undefined && rank(kept, e) >= 0;
        });
      }),
    );
  });

  it('keeps a deletion over an older edit of the same account', () => {
    const deleted: SyncEntry = { id: 'a', rev: 5, by: 'x', account: null };
    const edited: SyncEntry = { id: 'a', rev: 4, by: 'y', account: { id: 'a', name: 'edited' } };
    expect(mergeStates([edited], [deleted])).toEqual([deleted]);
    expect(mergeStates([deleted], [edited])).toEqual([deleted]);
  });

  it('marks a local deletion as a tombstone with a newer revision, and keeps unchanged accounts as they were', () => {
    const base: SyncEntry[] = [
      { id: 'a', rev: 10, by: 'y', account: { id: 'a', name: 'kept' } },
      { id: 'b', rev: 11, by: 'y', account: { id: 'b', name: 'gone' } },
    ];
    const next = withLocalChanges(base, [{ id: 'a', name: 'kept' }], { now: 5, device: 'x' });
    expect(next).toEqual([base[0], { id: 'b', rev: 12, by: 'x', account: null }]);
  });
});

/** Two computers editing their own lists, recording each change at once and exchanging at random. */
type Op = { kind: 'add' | 'edit' | 'delete' | 'exchange'; computer: 0 | 1; pick: number };

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('add', 'edit', 'delete', 'exchange'),
  computer: fc.constantFrom(0 as const, 1 as const),
  pick: fc.nat(20),
});

describe('two computers that edit at once and exchange in any order', () => {
  it('end with the same accounts: nothing lost, no deletion brought back, the latest edit of each account kept', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let clock = 1000;
        let remote: SyncState = [];
        const computers = [0, 1].map((n) => ({
          device: `d${n}`,
          accounts: [] as Plain[],
          base: [] as SyncState,
        }));
        const expected = new Map<string, Plain | null>(); // the last thing done to each account
        const record = (c: (typeof computers)[number]) => {
          clock += 1000;
          c.base = withLocalChanges(c.base, c.accounts, { now: clock, device: c.device });
        };
        const exchange = (c: (typeof computers)[number]) => {
          record(c);
          c.base = mergeStates(c.base, remote);
          c.accounts = liveAccounts(c.base) as Plain[];
          remote = c.base;
        };
        for (const [step, { kind, computer, pick }] of ops.entries()) {
          const c = computers[computer] as (typeof computers)[number];
          const target = c.accounts[pick % Math.max(1, c.accounts.length)];
          if (kind === 'exchange') {
            exchange(c);
            continue;
          }
          if (kind === 'add') {
            const added = { id: `n${step}`, name: `added ${step}` };
            c.accounts = [...c.accounts, added];
            expected.set(added.id, added);
          } else if (target && kind === 'edit') {
            const edited = { ...target, name: `edited ${step}` };
            c.accounts = c.accounts.map((a) => (a.id === target.id ? edited : a));
            expected.set(target.id, edited);
          } else if (target && kind === 'delete') {
            c.accounts = c.accounts.filter((a) => a.id !== target.id);
            expected.set(target.id, null);
          }
          record(c);
        }
        for (const c of [...computers, ...computers]) exchange(c);
        const want = [...expected.values()]
          .filter((a) => a !== null)
          .sort((x, y) => x.id.localeCompare(y.id));
        const sorted = (list: Plain[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
        expect(sorted(computers[0]?.accounts ?? [])).toEqual(want);
        expect(sorted(computers[1]?.accounts ?? [])).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
