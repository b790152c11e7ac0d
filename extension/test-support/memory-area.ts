import type { KeyValueArea } from '../src/platform/storage-area.ts';

/**
 * How a browser copies a stored value. Chrome serialises to JSON (a Uint8Array comes back as an
 * object of indexes, `undefined` fields vanish, a Date becomes a string); Firefox uses the structured
 * clone algorithm and keeps them. Code that passes on Chrome's semantics passes on both.
 */
export type CopySemantics = 'chrome' | 'firefox';

/** One key's change as `storage.onChanged` reports it: no `oldValue` for a new key, no `newValue` once removed. */
export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

export type ChangeListener = (changes: Record<string, StorageChange>, areaName: string) => void;

const copiers: Record<CopySemantics, (value: unknown) => unknown> = {
  chrome: (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value))),
  firefox: (value) => structuredClone(value),
};

/**
 * An in-memory `storage.local` or `storage.session`: values are copied on the way in and out as the
 * chosen browser copies them, one `set` call replaces its keys together, and every change that
 * alters a value is reported to `onChanged` listeners afterwards, with the old and new values.
 */
export class MemoryArea implements KeyValueArea {
  readonly items = new Map<string, unknown>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly copy: (value: unknown) => unknown;

  constructor(
    readonly areaName: 'local' | 'session' = 'local',
    semantics: CopySemantics = 'chrome',
  ) {
    this.copy = copiers[semantics];
  }

  readonly onChanged = {
    addListener: (listener: ChangeListener) => void this.listeners.add(listener),
    removeListener: (listener: ChangeListener) => void this.listeners.delete(listener),
    hasListener: (listener: ChangeListener) => this.listeners.has(listener),
  };

  async get(keys: string | string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.items.has(key)) out[key] = this.copy(this.items.get(key));
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const changes: Record<string, StorageChange> = {};
    // Copied whole first, so a value that cannot be stored leaves every key as it was.
    const copies = Object.entries(items).map(([key, value]) => [key, this.copy(value)] as const);
    for (const [key, value] of copies) {
      // Chrome drops an undefined value: the key is neither stored nor reported.
      if (value === undefined) continue;
      const had = this.items.has(key);
      const old = this.items.get(key);
      if (had && JSON.stringify(old) === JSON.stringify(value)) continue;
      this.items.set(key, value);
      changes[key] = had
        ? { oldValue: this.copy(old), newValue: this.copy(value) }
        : { newValue: this.copy(value) };
    }
    this.emit(changes);
  }

  async remove(keys: string | string[]): Promise<void> {
    const changes: Record<string, StorageChange> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (!this.items.has(key)) continue;
      changes[key] = { oldValue: this.copy(this.items.get(key)) };
      this.items.delete(key);
    }
    this.emit(changes);
  }

  /** Listeners run asynchronously, never inside the call that made the change, as in the browsers. */
  private emit(changes: Record<string, StorageChange>): void {
    if (Object.keys(changes).length === 0) return;
    for (const listener of [...this.listeners]) {
      queueMicrotask(() => listener(structuredClone(changes), this.areaName));
    }
  }
}
