import type { KeyValueArea } from '../src/platform/storage-area.ts';

/**
 * An in-memory storage area with the same copy semantics as `storage.local`: values are cloned on the
 * way in and out, and one `set` call replaces its keys together.
 */
export class MemoryArea implements KeyValueArea {
  readonly items = new Map<string, unknown>();

  async get(keys: string | string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (this.items.has(key)) out[key] = structuredClone(this.items.get(key));
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const copies = Object.entries(structuredClone(items));
    for (const [key, value] of copies) this.items.set(key, value);
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of typeof keys === 'string' ? [keys] : keys) this.items.delete(key);
  }
}
