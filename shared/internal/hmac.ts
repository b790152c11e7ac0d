import { keyedMac, macOnce } from '#keyed-mac';
import type { HashAlgorithm } from '../account.ts';
import { type KeyedMac, OUTPUT_LENGTH } from './keyed-mac.ts';

/** The big-endian 8-byte counter RFC 4226 §5.3 hashes. */
function writeCounter(view: DataView, counter: number): void {
  view.setUint32(0, Math.floor(counter / 0x1_0000_0000));
  view.setUint32(4, counter >>> 0);
}

/** RFC 4226 §5.3 dynamic truncation: the low four bits of the last byte choose where 31 bits are read. */
function truncate(digest: Uint8Array, view: DataView): number {
  const offset = (digest[digest.length - 1] as number) & 0x0f;
  return view.getUint32(offset) & 0x7fffffff;
}

/**
 * An HMAC keyed once with an OTP secret, answering RFC 4226 §5.3 truncated values for any
 * counter (a verification window). The caller reduces them modulo 10^digits. Call `destroy()`
 * when done: it wipes every key-derived state it holds.
 */
export class CounterHmac {
  readonly #mac: KeyedMac;
  readonly #counter = new Uint8Array(8);
  readonly #counterView = new DataView(this.#counter.buffer);
  readonly #digest: Uint8Array;
  readonly #digestView: DataView;

  constructor(algorithm: HashAlgorithm, secret: Uint8Array) {
    this.#mac = keyedMac(algorithm, secret);
    this.#digest = new Uint8Array(this.#mac.outputLength);
    this.#digestView = new DataView(this.#digest.buffer);
  }

  truncated(counter: number): number {
    writeCounter(this.#counterView, counter);
    this.#mac.macInto(this.#counter, this.#digest);
    return truncate(this.#digest, this.#digestView);
  }

  destroy(): void {
    this.#mac.destroy();
    this.#digest.fill(0);
    this.#counter.fill(0);
  }
}

/** The truncated value for one counter (a code to show), with no keyed state kept. */
export function truncatedOnce(algorithm: HashAlgorithm, secret: Uint8Array, counter: number): number {
  const message = new Uint8Array(8);
  writeCounter(new DataView(message.buffer), counter);
  const digest = new Uint8Array(OUTPUT_LENGTH[algorithm]);
  macOnce(algorithm, secret, message, digest);
  try {
    return truncate(digest, new DataView(digest.buffer));
  } finally {
    digest.fill(0);
  }
}
