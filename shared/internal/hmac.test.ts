import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from '../account.ts';
import { CounterHmac, truncatedOnce } from './hmac.ts';
import type { KeyedMacFactory, MacOnce } from './keyed-mac.ts';
import * as nobleMac from './keyed-mac-noble.ts';
import * as nativeMac from './keyed-mac-node.ts';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };

/** RFC 4226 §5.3 truncation applied to noble's own public HMAC: the reference result. */
function referenceTruncated(algorithm: HashAlgorithm, key: Uint8Array, counter: number): number {
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(counter));
  const digest = hmac(HASHES[algorithm], key, message);
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  return new DataView(digest.buffer, digest.byteOffset).getUint32(offset) & 0x7fffffff;
}

describe('CounterHmac', () => {
  it('matches the truncated RFC 4226 Appendix D intermediate values', () => {
    // Appendix D lists the truncated decimal value before the modulo, for counters 0 and 9.
    const mac = new CounterHmac('SHA1', new TextEncoder().encode('12345678901234567890'));
    expect(mac.truncated(0)).toBe(1284755224);
    expect(mac.truncated(9)).toBe(645520489);
    mac.destroy();
  });

  it('agrees with the public noble HMAC for any key length and counter, every algorithm (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        // Up to 300 bytes so keys longer than the 64- and 128-byte blocks are hashed first.
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.maxSafeNat(), { minLength: 1, maxLength: 4 }),
        (algorithm, key, counters) => {
          const mac = new CounterHmac(algorithm, key);
          for (const counter of counters)
            expect(mac.truncated(counter)).toBe(referenceTruncated(algorithm, key, counter));
          mac.destroy();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives each of two interleaved instances its own key', () => {
    const first = new CounterHmac('SHA256', new Uint8Array(32).fill(1));
    const second = new CounterHmac('SHA256', new Uint8Array(32).fill(2));
    const a = first.truncated(5);
    second.truncated(5);
    second.destroy();
    expect(first.truncated(5)).toBe(a);
    expect(a).toBe(referenceTruncated('SHA256', new Uint8Array(32).fill(1), 5));
    first.destroy();
  });

  it('does not change the caller secret, even for keys longer than a block', () => {
    const secret = new Uint8Array(200).fill(9);
    new CounterHmac('SHA1', secret).destroy();
    expect(secret).toEqual(new Uint8Array(200).fill(9));
  });
});

// Both platform primitives behind `#keyed-mac`, each against the other's library: the verifier
// runs the native one, the extension the noble one.
describe.each<[string, { keyedMac: KeyedMacFactory; macOnce: MacOnce }]>([
  ['native (Node crypto)', nativeMac],
  ['@noble/hashes', nobleMac],
])('the %s HMAC primitive', (_name, primitive) => {
  it('answers RFC 2104 HMAC bytes for any key and message, keyed once or not (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.uint8Array({ minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        (algorithm, key, messages) => {
          const keyed = primitive.keyedMac(algorithm, key);
          for (const message of messages) {
            const expected = hmac(HASHES[algorithm], key, message);
            const viaKeyed = new Uint8Array(keyed.outputLength);
            keyed.macInto(message, viaKeyed);
            const once = new Uint8Array(expected.length);
            primitive.macOnce(algorithm, key, message, once);
            expect(viaKeyed).toEqual(expected);
            expect(once).toEqual(expected);
          }
          keyed.destroy();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not change the caller secret', () => {
    const secret = new Uint8Array(200).fill(9);
    primitive.keyedMac('SHA512', secret).destroy();
    primitive.macOnce('SHA1', secret, new Uint8Array(8), new Uint8Array(20));
    expect(secret).toEqual(new Uint8Array(200).fill(9));
  });
});

describe('truncatedOnce', () => {
  it('matches the RFC 4226 Appendix D values and the keyed instance for any counter (property)', () => {
    const rfc = new TextEncoder().encode('12345678901234567890');
    expect(truncatedOnce('SHA1', rfc, 0)).toBe(1284755224);
    expect(truncatedOnce('SHA1', rfc, 9)).toBe(645520489);
    fc.assert(
      fc.property(
        fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.uint8Array({ minLength: 1, maxLength: 100 }),
        fc.maxSafeNat(),
        (algorithm, key, counter) => {
          expect(truncatedOnce(algorithm, key, counter)).toBe(referenceTruncated(algorithm, key, counter));
        },
      ),
      { numRuns: 200 },
    );
  });
});
