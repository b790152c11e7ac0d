import { DecryptionError, open, type Sealed, seal } from '../crypto/aead.ts';
import type { SyncState } from './entries.ts';
import { SyncFormatError } from './errors.ts';
import { decodeState, encodeState } from './state-codec.ts';

// The state is compressed before it is sealed (ciphertext does not compress), with the vault's
// AES-256-GCM and the vault key. The associated data names where the ciphertext belongs (one
// generation of the synced copy, or this computer's own last merged state), so no ciphertext can be
// passed off as another.

const encoder = new TextEncoder();
/** Where this computer's own last merged state is sealed for (in `storage.local`). */
export const BASE_PLACE = 'base';
export const aadFor = (place: string) => encoder.encode(`two-factor-sync:v1:${place}`);

async function through(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const piped = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

export async function sealState(
  key: Uint8Array,
  state: SyncState,
  place: string,
  randomBytes: (n: number) => Uint8Array,
): Promise<Sealed> {
  const compressed = await through(encodeState(state), new CompressionStream('deflate-raw'));
  return seal(key, compressed, aadFor(place), randomBytes);
}

/** DecryptionError when the key is not this vault's (or the data was changed); SyncFormatError when damaged. */
export async function openState(key: Uint8Array, sealed: Sealed, place: string) {
  const compressed = await open(key, sealed, aadFor(place));
  let plain: Uint8Array;
  try {
    plain = await through(compressed, new DecompressionStream('deflate-raw'));
  } catch {
    throw new SyncFormatError('the account list does not decompress');
  }
  return decodeState(plain);
}

export { DecryptionError };
