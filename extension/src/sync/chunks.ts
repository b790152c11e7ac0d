import type { PasswordProtection } from '../vault/format.ts';
import { checkProtection } from '../vault/format.ts';
import { SyncFormatError } from './errors.ts';

/**
 * How the sealed state sits in `storage.sync`, whose items are small (Chrome: 8192 bytes each, 512
 * items, 102400 bytes in all). The ciphertext is cut into chunks keyed by a generation; one manifest
 * item names the generation, its chunk count and nonce, and the password parameters with the wrapped
 * vault key (never the key), so a new install can open it with the password alone. A writer stores
 * every chunk first and the manifest last, then removes other generations: a reader takes only the
 * chunks of the generation its manifest names, so it never mixes two.
 */
export const MANIFEST_KEY = 'sync-manifest';
const CHUNK_PREFIX = 'sync-chunk-';

export interface Manifest {
  format: 1;
  generation: string;
  chunks: number;
  iv: string;
  protection: PasswordProtection;
}

export interface SyncQuota {
  bytes: number;
  perItem: number;
  items: number;
}

/** Chrome's limits; Firefox's are the same or larger. */
export const CHROME_SYNC_QUOTA: SyncQuota = { bytes: 102_400, perItem: 8192, items: 512 };

export const chunkKey = (generation: string, index: number) => `${CHUNK_PREFIX}${generation}-${index}`;
export const isChunkKey = (key: string) => key.startsWith(CHUNK_PREFIX);

/** What one item costs against the quota, as Chrome counts it: the key plus the value's JSON. */
export const itemBytes = (key: string, value: unknown) => key.length + JSON.stringify(value).length;

export const totalBytes = (items: Record<string, unknown>) =>
  Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);

/** The items of one generation: its chunks and its manifest, each within the per-item limit. */
export function toItems(
  manifest: Omit<Manifest, 'chunks'>,
  ciphertext: string,
  quota: SyncQuota,
): Record<string, unknown> {
  // Room for the key and the JSON quotes, with a margin for the generation's length.
  const size = quota.perItem - chunkKey(manifest.generation, quota.items).length - 8;
  const count = Math.max(1, Math.ceil(ciphertext.length / size));
  const items: Record<string, unknown> = { [MANIFEST_KEY]: { ...manifest, chunks: count } };
  for (let i = 0; i < count; i++)
    items[chunkKey(manifest.generation, i)] = ciphertext.slice(i * size, (i + 1) * size);
  return items;
}

function parseManifest(value: unknown): Manifest {
  const m = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (m.format !== 1) throw new SyncFormatError('the manifest has an unknown format');
  if (typeof m.generation !== 'string' || !/^[0-9a-f]{1,64}$/.test(m.generation))
    throw new SyncFormatError('the manifest names no generation');
  if (!Number.isSafeInteger(m.chunks) || (m.chunks as number) < 1 || (m.chunks as number) > 512)
    throw new SyncFormatError('the manifest has an invalid chunk count');
  if (typeof m.iv !== 'string') throw new SyncFormatError('the manifest has no nonce');
  let protection: ReturnType<typeof checkProtection>;
  try {
    protection = checkProtection(m.protection);
  } catch {
    throw new SyncFormatError('the password parameters are missing');
  }
  if (protection.mode !== 'password') throw new SyncFormatError('the synced vault has no password');
  return { format: 1, generation: m.generation, chunks: m.chunks as number, iv: m.iv, protection };
}

export type RemoteCopy =
  | { kind: 'none' }
  /** A generation being written or removed right now: read again on the next change. */
  | { kind: 'incomplete' }
  | { kind: 'found'; manifest: Manifest; ciphertext: string };

/** Reads the whole area's items; throws SyncFormatError for a damaged manifest or chunk. */
export function fromItems(items: Record<string, unknown>): RemoteCopy {
  if (items[MANIFEST_KEY] === undefined) return { kind: 'none' };
  const manifest = parseManifest(items[MANIFEST_KEY]);
  const parts: string[] = [];
  for (let i = 0; i < manifest.chunks; i++) {
    const part = items[chunkKey(manifest.generation, i)];
    if (part === undefined) return { kind: 'incomplete' };
    if (typeof part !== 'string') throw new SyncFormatError(`chunk ${i + 1} is not text`);
    parts.push(part);
  }
  return { kind: 'found', manifest, ciphertext: parts.join('') };
}
