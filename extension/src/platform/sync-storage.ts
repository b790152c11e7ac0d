import { CHROME_SYNC_QUOTA, type SyncQuota } from '../sync/chunks.ts';
import { type SyncArea, SyncQuotaError } from '../sync/sync-area.ts';
import { browser } from './browser.ts';

/**
 * `storage.sync`: what the browser carries to the other computers signed into the same browser
 * account. Chrome names its limits on the area; Firefox's are Chrome's or larger. A refused write
 * for its quota ("QUOTA_BYTES quota exceeded" in Chrome, a QuotaExceededError in Firefox) becomes a
 * SyncQuotaError, so the run reports it instead of failing.
 */
export function browserSyncArea(): SyncArea {
  const area = browser.storage.sync;
  const limits = area as unknown as Partial<
    Record<'QUOTA_BYTES' | 'QUOTA_BYTES_PER_ITEM' | 'MAX_ITEMS', number>
  >;
  const quota: SyncQuota = {
    bytes: limits.QUOTA_BYTES ?? CHROME_SYNC_QUOTA.bytes,
    perItem: limits.QUOTA_BYTES_PER_ITEM ?? CHROME_SYNC_QUOTA.perItem,
    items: limits.MAX_ITEMS ?? CHROME_SYNC_QUOTA.items,
  };
  return {
    quota,
    getAll: () => area.get(null),
    async set(items) {
      try {
        await area.set(items);
      } catch (error) {
        if (/quota/i.test(String((error as Error)?.message ?? error)))
          throw new SyncQuotaError(String(error));
        throw error;
      }
    },
    remove: (keys) => area.remove(keys),
  };
}
