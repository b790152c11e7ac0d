import { type _HMAC, hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { HashAlgorithm } from '../account.ts';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

type HmacState = _HMAC<any>;

/**
 * An HMAC keyed once with an OTP secret, answering RFC 4226 §5.3 truncated values for any
 * counter. The key schedule (inner and outer pad blocks) is computed in the constructor, so
 * each counter afterwards costs only the two compressions over the 8-byte message.
 * Call `destroy()` when done: it zeroes the key-derived state.
 */
export class CounterHmac {
  readonly #keyed: HmacState;
  readonly #scratch: HmacState;
  readonly #message = new Uint8Array(8);
  readonly #messageView = new DataView(this.#message.buffer);
  readonly #digest: Uint8Array;

  constructor(algorithm: HashAlgorithm, secret: Uint8Array) {
    this.#keyed = hmac.create(HASHES[algorithm], secret);
    this.#scratch = this.#keyed.clone();
    this.#digest = new Uint8Array(this.#keyed.outputLen);
  }

  /**
   * RFC 4226 §5.3: HMAC over the big-endian 8-byte counter, then dynamic truncation to a
   * 31-bit integer. The caller reduces it modulo 10^digits.
   */
  truncated(counter: number): number {
    const message = this.#messageView;
    message.setUint32(0, Math.floor(counter / 0x1_0000_0000));
    message.setUint32(4, counter >>> 0);
    const state = this.#keyed._cloneInto(this.#scratch);
    state.update(this.#message);
    state.digestInto(this.#digest);
    const digest = this.#digest;
    const offset = (digest[digest.length - 1] as number) & 0x0f;
    return (
      (((digest[offset] as number) & 0x7f) << 24) |
      ((digest[offset + 1] as number) << 16) |
      ((digest[offset + 2] as number) << 8) |
      (digest[offset + 3] as number)
    );
  }

  destroy(): void {
    this.#keyed.destroy();
    this.#scratch.destroy();
    this.#digest.fill(0);
    this.#message.fill(0);
  }
}
