import type { SyncQuota } from './chunks.ts';

/** The subset of `storage.sync` that sync needs; tests pass a memory area that enforces the quotas. */
export interface SyncArea {
  getAll(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  readonly quota: SyncQuota;
}

/** The browser refused a write for its sync quota (the adapter turns its message into this). */
export class SyncQuotaError extends Error {
  override readonly name = 'SyncQuotaError';
}
