import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Error, base64Decode, base64Encode, base64UrlDecode } from './base64.ts';

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

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;

describe('base64', () => {
  it.each(RFC4648)('encodes %j as the RFC 4648 vector %j and decodes it back', (text, encoded) => {
    expect(base64Encode(ascii(text))).toBe(encoded);
    expect(base64Decode(encoded)).toEqual(ascii(text));
    expect(base64UrlDecode(encoded)).toEqual(ascii(text));
    expect(base64UrlDecode(encoded.replaceAll('=', ''))).toEqual(ascii(text));
  });

  it('round-trips any bytes, including buffers larger than one encoding chunk (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });

  it('agrees with Node for any bytes, standard and URL-safe with or without padding (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const buffer = Buffer.from(bytes);
        expect(base64Encode(bytes)).toBe(buffer.toString('base64'));
        expect(base64UrlDecode(buffer.toString('base64url'))).toEqual(bytes);
        expect(base64UrlDecode(buffer.toString('base64').replaceAll('+', '-').replaceAll('/', '_'))).toEqual(
          bytes,
        );
      }),
    );
  });

  it('accepts only what an encoder writes: any other text is a Base64Error (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9+/=]{0,12}$/)), (text) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = base64Decode(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Base64Error);
          return;
        }
        // Whatever is accepted is exactly the encoding of what it decodes to.
        expect(base64Encode(decoded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any character outside the alphabet, wherever it stands (property)', () => {
    const outside = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[A-Za-z0-9+/=]/.test(c));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), outside, fc.nat(), (bytes, bad, at) => {
        const encoded = base64Encode(bytes);
        const position = at % (encoded.length + 1);
        const text = encoded.slice(0, position) + bad + encoded.slice(position + 1);
        expect(() => base64Decode(text)).toThrow(Base64Error);
      }),
    );
  });

  it('rejects missing, extra and misplaced padding, whitespace, the other alphabet and altered final bits', () => {
    for (const bad of [
      'Zg',
      'Zg=',
      'Z===',
      'Zm9v!',
      'Zm9-',
      'Zm 9v',
      '=Zm9',
      'Zg==Zg==',
      'Zm9v\n',
      'Zh==',
      'Zm9=',
    ]) {
      expect(() => base64Decode(bad), bad).toThrow(Base64Error);
    }
    for (const bad of ['Zg=', 'Z', 'Zm9v+', 'Zm9/', 'Zh', 'Zm9', 'Zg=a']) {
      expect(() => base64UrlDecode(bad), bad).toThrow(Base64Error);
    }
    expect(STANDARD.test(base64Encode(ascii('any bytes at all')))).toBe(true);
  });

  it('names a character outside the alphabet and its position', () => {
    expect(() => base64Decode('Zm9v!mFy')).toThrow(
      new Base64Error('it contains "!" at position 5, which is not base64'),
    );
    expect(() => base64Decode('Zm9vémFy')).toThrow(/"é" at position 5/);
    expect(() => base64Decode('Zm9vY')).toThrow(/not a multiple of 4/);
  });
});
