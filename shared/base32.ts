import { OtpError } from './errors.ts';

/** RFC 4648 §6 alphabet. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Character code -> 5-bit value, -1 for anything outside the alphabet (lower case included). */
const VALUES = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/** Encodes bytes as upper-case RFC 4648 base32 without padding, as authenticator secrets are written. */
export function base32Encode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array))
    throw new OtpError('INVALID_ARGUMENT', 'base32Encode expects a Uint8Array.');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function describe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

/**
 * Decodes RFC 4648 base32 as people type it: any case, spaces and hyphens between groups,
 * padding optional. Positions in error messages count characters from 1.
 */
export function base32Decode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new OtpError('INVALID_ARGUMENT', 'base32Decode expects a string.');
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let length = 0;
  let symbols = 0;
  let buffer = 0;
  let bits = 0;
  let padding = false;
  let position = 0;
  for (const char of text) {
    position++;
    if (char === ' ' || char === '-') continue;
    if (char === '=') {
      padding = true;
      continue;
    }
    const value = char.length === 1 ? (VALUES[char.charCodeAt(0)] ?? -1) : -1;
    if (value < 0) {
      const character = describe(char);
      throw new OtpError(
        'INVALID_BASE32',
        `Base32 text contains ${character} at position ${position}; only letters A-Z, digits 2-7, spaces, hyphens and trailing "=" are allowed.`,
        { reason: { kind: 'base32-bad-character', character, position: String(position) } },
      );
    }
    if (padding) {
      throw new OtpError(
        'INVALID_BASE32',
        `Base32 text continues after "=" padding at position ${position}.`,
        {
          reason: { kind: 'base32-after-padding', position: String(position) },
        },
      );
    }
    symbols++;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
  }
  // RFC 4648 §6: a final quantum has 2, 4, 5 or 7 symbols; 1, 3 or 6 cannot come from whole bytes.
  const remainder = symbols % 8;
  if (remainder === 1 || remainder === 3 || remainder === 6) {
    throw new OtpError(
      'INVALID_BASE32',
      `Base32 text has ${symbols} letters and digits, a count no whole number of bytes encodes; a character is probably missing or extra.`,
      { reason: { kind: 'base32-bad-length', symbols: String(symbols) } },
    );
  }
  const bytes = out.slice(0, length);
  out.fill(0);
  return bytes;
}
