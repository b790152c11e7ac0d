import { createHmac } from 'node:crypto';
import type { HashAlgorithm } from '../account.ts';
import { type KeyedMac, type KeyedMacFactory, type MacOnce, OUTPUT_LENGTH } from './keyed-mac.ts';

const NAMES: Record<HashAlgorithm, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

/*
 * Node's native HMAC costs less per message than a JavaScript one costs to key once, so each
 * message is keyed afresh: nothing key-derived outlives the call but this copy of the secret.
 */
export const keyedMac: KeyedMacFactory = (algorithm, secret): KeyedMac => {
  const key = Buffer.from(secret);
  return {
    outputLength: OUTPUT_LENGTH[algorithm],
    macInto(message, out) {
      macOnce(algorithm, key, message, out);
    },
    destroy() {
      key.fill(0);
    },
  };
};

export const macOnce: MacOnce = (algorithm, secret, message, out) => {
  const digest = createHmac(NAMES[algorithm], secret).update(message).digest();
  out.set(digest);
  digest.fill(0);
};
