import type { HashAlgorithm } from '../account.ts';

/*
 * The HMAC primitive (RFC 2104) under the OTP code, chosen per platform through the package's
 * `#keyed-mac` import: Node's native crypto in the verifier (keyed-mac-node.ts), @noble/hashes
 * in the browser (keyed-mac-noble.ts). Both answer the same bytes; only the speed differs.
 */

/** An HMAC keyed once with an OTP secret, for the MAC of several short messages. */
export interface KeyedMac {
  readonly outputLength: number;
  /** Writes HMAC(secret, message) into `out`, which holds `outputLength` bytes. */
  macInto(message: Uint8Array, out: Uint8Array): void;
  /** Wipes every key-derived state it holds. */
  destroy(): void;
}

export type KeyedMacFactory = (algorithm: HashAlgorithm, secret: Uint8Array) => KeyedMac;

/** HMAC(secret, message) into `out`, for a single message (no keyed state kept). */
export type MacOnce = (
  algorithm: HashAlgorithm,
  secret: Uint8Array,
  message: Uint8Array,
  out: Uint8Array,
) => void;

export const OUTPUT_LENGTH: Record<HashAlgorithm, number> = { SHA1: 20, SHA256: 32, SHA512: 64 };
