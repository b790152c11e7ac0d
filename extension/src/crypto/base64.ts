/** Malformed base64 text: the message names what is wrong so a corrupt file can be reported precisely. */
export class Base64Error extends Error {
  override readonly name = 'Base64Error';
}

// Standard alphabet with padding (RFC 4648 §4); whitespace is not tolerated because every
// value we store is written by `toBase64` and anything else means the text was altered.
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// btoa/atob work on "binary strings"; chunking keeps String.fromCharCode below argument limits.
const CHUNK = 0x8000;

/** Encodes bytes as standard, padded base64 (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('toBase64: bytes must be a Uint8Array');
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

/** Decodes standard, padded base64 (RFC 4648 §4); throws Base64Error on anything else. */
export function fromBase64(text: string): Uint8Array {
  if (typeof text !== 'string') throw new Base64Error('base64 value must be a string');
  if (text.length % 4 !== 0) {
    throw new Base64Error(`base64 value has length ${text.length}, which is not a multiple of 4`);
  }
  if (!STANDARD_BASE64.test(text)) {
    throw new Base64Error('base64 value contains characters outside A-Z a-z 0-9 + / or misplaced padding');
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
