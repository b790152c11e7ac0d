import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Error, fromBase64, toBase64 } from './base64.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('base64', () => {
  it('encodes the RFC 4648 §10 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(text(plain))).toBe(encoded);
      expect(fromBase64(encoded)).toEqual(text(plain));
    }
  });

  it('round-trips any bytes, including buffers larger than one encoding chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects text that is not canonical padded standard base64 with a Base64Error', () => {
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
      'Zm\u00e9v',
    ]) {
      expect(() => fromBase64(bad), bad).toThrow(Base64Error);
    }
  });

  it('never throws anything but a Base64Error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          fromBase64(input);
        } catch (error) {
          expect(error).toBeInstanceOf(Base64Error);
        }
      }),
    );
  });
});
