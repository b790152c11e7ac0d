import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { Hash } from '@noble/hashes/utils.js';
import type { HashAlgorithm } from '../account.ts';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** noble's public hash interface, which its HMAC implements. */
interface Mac extends Hash<Mac> {}

/**
 * An HMAC (RFC 2104) keyed once with an OTP secret, answering RFC 4226 §5.3 truncated values
 * for any counter, through @noble/hashes' public API only. The keyed state (both key pads
 * compressed, RFC 2104 §4) is made once; each counter copies it into one reused instance
 * (`_cloneInto`, part of noble's `Hash` interface), so a ±1 window allocates no hash state.
 * Call `destroy()` when done: it wipes every key-derived state it holds.
 */
export class CounterHmac {
  readonly #keyed: Mac;
  readonly #work: Mac;
  readonly #counter = new Uint8Array(8);
  readonly #counterView = new DataView(this.#counter.buffer);
  readonly #digest: Uint8Array;
  readonly #digestView: DataView;

  constructor(algorithm: HashAlgorithm, secret: Uint8Array) {
    // noble hashes keys longer than a block first (RFC 2104 §2) and never changes the caller's key.
    this.#keyed = hmac.create(HASHES[algorithm], secret);
    this.#work = this.#keyed.clone();
    this.#digest = new Uint8Array(this.#keyed.outputLen);
    this.#digestView = new DataView(this.#digest.buffer);
  }

  /**
   * RFC 4226 §5.3: HMAC over the big-endian 8-byte counter, then dynamic truncation to a
   * 31-bit integer. The caller reduces it modulo 10^digits.
   */
  truncated(counter: number): number {
    this.#counterView.setUint32(0, Math.floor(counter / 0x1_0000_0000));
    this.#counterView.setUint32(4, counter >>> 0);
    const mac = this.#keyed._cloneInto(this.#work);
    mac.update(this.#counter);
    mac.digestInto(this.#digest);
    const digest = this.#digest;
    // The low four bits of the last byte choose where the 31 bits are read.
    const offset = (digest[digest.length - 1] as number) & 0x0f;
    return this.#digestView.getUint32(offset) & 0x7fffffff;
  }

  destroy(): void {
    this.#keyed.destroy();
    this.#work.destroy();
    this.#digest.fill(0);
    this.#counter.fill(0);
  }
}
