import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHROME_SYNC_QUOTA, fromItems, itemBytes, MANIFEST_KEY, toItems } from './chunks.ts';
import { SyncFormatError } from './errors.ts';
import { decodeState, encodeState } from './state-codec.ts';

const protection = {
  mode: 'password' as const,
  kdf: {
    algorithm: 'argon2id' as const,
    salt: 'c2FsdHNhbHRzYWx0c2FsdA==',
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 1,
    dkLen: 32 as const,
  },
  wrappedKey: { iv: 'aXZpdml2aXZpdml2', ciphertext: 'Y2lwaGVy' },
};
const manifest = { format: 1 as const, generation: '0123456789abcdef', iv: 'aXZpdml2aXZpdml2', protection };

const onlyFormatErrors = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (!(error instanceof SyncFormatError)) throw error;
  }
};

describe('chunked items in storage.sync', () => {
  it('reads back exactly the ciphertext it cut, every item within the per-item limit', () => {
    fc.assert(
      fc.property(fc.base64String({ maxLength: 60_000 }), (ciphertext) => {
        const items = toItems(manifest, ciphertext, CHROME_SYNC_QUOTA);
        for (const [key, value] of Object.entries(items))
          expect(itemBytes(key, value)).toBeLessThanOrEqual(CHROME_SYNC_QUOTA.perItem);
        const read = fromItems(items);
        return read.kind === 'found' && read.ciphertext === ciphertext;
      }),
      { numRuns: 50 },
    );
  });

  it('never combines chunks of two generations: a missing chunk of the named one reads as incomplete', () => {
    const older = toItems({ ...manifest, generation: 'aaaa' }, 'A'.repeat(20_000), CHROME_SYNC_QUOTA);
    const newer = toItems({ ...manifest, generation: 'bbbb' }, 'B'.repeat(20_000), CHROME_SYNC_QUOTA);
    const mixed: Record<string, unknown> = { ...older, ...newer };
    delete mixed['sync-chunk-bbbb-1'];
    expect(fromItems(mixed)).toEqual({ kind: 'incomplete' });
  });

  it('turns any damaged manifest or chunk into a SyncFormatError, never another failure', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(MANIFEST_KEY, 'sync-chunk-ab-0', 'other'), fc.jsonValue()),
        (items) => {
          onlyFormatErrors(() => fromItems(items));
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.record(
          { generation: fc.string(), chunks: fc.jsonValue(), iv: fc.jsonValue() },
          { requiredKeys: [] },
        ),
        (m) => {
          onlyFormatErrors(() => fromItems({ [MANIFEST_KEY]: { ...manifest, ...m } }));
        },
      ),
    );
  });

  it('reads the decrypted state only in its own shape, naming what is wrong', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        onlyFormatErrors(() =>
          decodeState(new TextEncoder().encode(JSON.stringify({ format: 1, entries: value }))),
        );
      }),
    );
    fc.assert(fc.property(fc.uint8Array(), (bytes) => onlyFormatErrors(() => decodeState(bytes))));
    const twice = encodeState([
      { id: 'a', rev: 1, by: 'x', account: null },
      { id: 'a', rev: 2, by: 'y', account: null },
    ]);
    expect(() => decodeState(twice)).toThrow('an account is listed twice');
    const wrongId = new TextEncoder().encode(
      JSON.stringify({ format: 1, entries: [{ id: 'a', rev: 1, by: 'x', account: { id: 'b' } }] }),
    );
    expect(() => decodeState(wrongId)).toThrow(/entry 1: account 1 has an invalid/);
  });
});
