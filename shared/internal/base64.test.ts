import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Error, base64Decode, base64Encode } from './base64.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4648 §10. */
const RFC4648 = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
] as const;

describe('base64', () => {
  it.each(RFC4648)(
    'encodes %j as the RFC 4648 vector %j and decodes it with or without padding',
    (text, encoded) => {
      expect(base64Encode(ascii(text))).toBe(encoded);
      expect(base64Decode(encoded)).toEqual(ascii(text));
      expect(base64Decode(encoded.replaceAll('=', ''))).toEqual(ascii(text));
    },
  );

  it('agrees with Node for any bytes, standard and URL-safe (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(base64Encode(bytes)).toBe(buffer.toString('base64'));
        expect(base64Decode(buffer.toString('base64url'))).toEqual(bytes);
      }),
    );
  });

  it('names a character outside the alphabet and its position', () => {
    expect(() => base64Decode('Zm9v!mFy')).toThrow(
      new Base64Error('it contains "!" at position 5, which is not base64'),
    );
    expect(() => base64Decode('Zm9vémFy')).toThrow(/"é" at position 5/);
  });

  it('refuses impossible lengths and excess padding', () => {
    expect(() => base64Decode('Zm9vY')).toThrow(/length is impossible/);
    expect(() => base64Decode('Zg===')).toThrow(/more than two "="/);
  });
});
