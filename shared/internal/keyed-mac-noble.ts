import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { Hash } from '@noble/hashes/utils.js';
import type { KeyedMac, KeyedMacFactory, MacOnce } from './keyed-mac.ts';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** noble's public hash interface, which its HMAC implements. */
interface Mac extends Hash<Mac> {}

/**
 * The keyed state (both key pads compressed, RFC 2104 §4) is made once; each message copies it
 * into one reused instance (`_cloneInto`, part of noble's `Hash` interface), so a ±1 window
 * allocates no hash state per candidate.
 */
export const keyedMac: KeyedMacFactory = (algorithm, secret): KeyedMac => {
  // noble hashes keys longer than a block first (RFC 2104 §2) and never changes the caller's key.
  const keyed: Mac = hmac.create(HASHES[algorithm], secret);
  const work = keyed.clone();
  return {
    outputLength: keyed.outputLen,
    macInto(message, out) {
      keyed._cloneInto(work).update(message).digestInto(out);
    },
    destroy() {
      keyed.destroy();
      work.destroy();
    },
  };
};

/** One message needs no copy of the keyed state: key, hash and wipe. */
export const macOnce: MacOnce = (algorithm, secret, message, out) => {
  const mac: Mac = hmac.create(HASHES[algorithm], secret);
  mac.update(message).digestInto(out);
  mac.destroy();
};
