import { CHROME_SYNC_QUOTA, itemBytes, type SyncQuota, totalBytes } from '../src/sync/chunks.ts';
import { type SyncArea, SyncQuotaError } from '../src/sync/sync-area.ts';

/**
 * An in-memory `storage.sync` with Chrome's quotas, counted as Chrome counts them (key plus JSON of
 * the value): a `set` that would pass one is refused whole, as the browser refuses it. Several
 * "computers" can share one, as profiles signed into one browser account share the synced items.
 */
export class MemorySyncArea implements SyncArea {
  readonly items = new Map<string, unknown>();
  constructor(readonly quota: SyncQuota = CHROME_SYNC_QUOTA) {}

  async getAll(): Promise<Record<string, unknown>> {
    return JSON.parse(JSON.stringify(Object.fromEntries(this.items)));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    const after = { ...Object.fromEntries(this.items), ...items };
    for (const [key, value] of Object.entries(items)) {
      if (itemBytes(key, value) > this.quota.perItem)
        throw new SyncQuotaError('QUOTA_BYTES_PER_ITEM quota exceeded');
    }
    if (totalBytes(after) > this.quota.bytes) throw new SyncQuotaError('QUOTA_BYTES quota exceeded');
    if (Object.keys(after).length > this.quota.items) throw new SyncQuotaError('MAX_ITEMS quota exceeded');
    for (const [key, value] of Object.entries(items)) this.items.set(key, JSON.parse(JSON.stringify(value)));
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
