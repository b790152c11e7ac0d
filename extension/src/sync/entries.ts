/**
 * The synced account list as a map of entries, one per stable account id, each the latest version
 * known of that account: its revision, the computer that wrote it and the account (JSON as the
 * vault's payload stores it), or `null` once deleted (a tombstone). Merging picks, per id, the
 * entry that ranks highest, so the merge is commutative, associative and idempotent: computers
 * that exchange their states in any order end with the same one, and a deletion stays deleted
 * until an edit made after it.
 */
export interface SyncEntry {
  id: string;
  /** Grows with every change of this account: max(previous + 1, the clock in ms). */
  rev: number;
  /** The computer that made this revision (a random id), so equal revisions still rank. */
  by: string;
  /** The account as the vault's payload stores it (secret in base32), or null when deleted. */
  account: Readonly<Record<string, unknown>> | null;
}

export type SyncState = readonly SyncEntry[];

const text = (entry: SyncEntry) => (entry.account === null ? '' : JSON.stringify(entry.account));

/** Positive when `a` ranks above `b`: later revision, then computer id, then a deletion, then content. */
export function rank(a: SyncEntry, b: SyncEntry): number {
  if (a.rev !== b.rev) return a.rev - b.rev;
  if (a.by !== b.by) return a.by < b.by ? -1 : 1;
  if ((a.account === null) !== (b.account === null)) return a.account === null ? 1 : -1;
  const [ta, tb] = [text(a), text(b)];
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** Per id the higher-ranked entry; `a`'s order first, then the ids only `b` has. */
export function mergeStates(a: SyncState, b: SyncState): SyncEntry[] {
  const winners = new Map<string, SyncEntry>();
  for (const entry of [...a, ...b]) {
    const held = winners.get(entry.id);
    if (!held || rank(entry, held) > 0) winners.set(entry.id, entry);
  }
  return [...winners.values()];
}

/** The accounts that are not deleted, in the state's order. */
export function liveAccounts(state: SyncState): Readonly<Record<string, unknown>>[] {
  return state.flatMap((entry) => (entry.account === null ? [] : [entry.account]));
}

/** The same entries, whatever their order: whether a push would tell the other side anything new. */
export function sameState(a: SyncState, b: SyncState): boolean {
  if (a.length !== b.length) return false;
  const held = new Map(a.map((entry) => [entry.id, entry]));
  return b.every((entry) => {
    const other = held.get(entry.id);
    return other !== undefined && rank(entry, other) === 0;
  });
}

/**
 * This computer's state: the last merged one (`base`) with the vault's current accounts laid over
 * it. An account whose content differs from its base entry, or that is new, gets a new revision; an
 * account in the base but no longer in the vault becomes a tombstone. Tombstones are kept: without
 * knowing that every computer has seen one, dropping it could bring the account back.
 */
export function withLocalChanges(
  base: SyncState,
  accounts: readonly Readonly<Record<string, unknown>>[],
  clock: { now: number; device: string },
): SyncEntry[] {
  const known = new Map(base.map((entry) => [entry.id, entry]));
  const next = (before: SyncEntry | undefined) => Math.max((before?.rev ?? 0) + 1, clock.now);
  const out: SyncEntry[] = [];
  for (const account of accounts) {
    const id = String(account.id);
    const before = known.get(id);
    known.delete(id);
    if (before?.account && JSON.stringify(before.account) === JSON.stringify(account)) out.push(before);
    else out.push({ id, rev: next(before), by: clock.device, account });
  }
  for (const before of known.values()) {
    out.push(
      before.account === null ? before : { ...before, rev: next(before), by: clock.device, account: null },
    );
  }
  return out;
}
