/**
 * RFC 4648 §4 base64, with the §5 URL-safe letters also accepted on input because exports
 * pasted through other tools sometimes arrive converted. Decoding errors carry the position
 * (counting from 1) so the migration module can report them.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

export class Base64Error extends Error {
  override readonly name = 'Base64Error';
}

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(triple >>> 18) & 63];
    out += ALPHABET[(triple >>> 12) & 63];
    out += b === undefined ? '=' : ALPHABET[(triple >>> 6) & 63];
    out += c === undefined ? '=' : ALPHABET[triple & 63];
  }
  return out;
}

export function base64Decode(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  if (text.length - end > 2) throw new Base64Error('it has more than two "=" padding characters');
  if (end % 4 === 1)
    throw new Base64Error('its length is impossible for base64 (a character is missing or extra)');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let length = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] as number) : -1;
    if (value < 0) {
      throw new Base64Error(
        `it contains ${JSON.stringify(text[i])} at position ${i + 1}, which is not base64`,
      );
    }
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
  }
  return out.subarray(0, length);
}
