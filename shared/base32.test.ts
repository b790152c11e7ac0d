import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32.ts';
import { OtpError } from './errors.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4648 §10 test vectors. */
const RFC4648 = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
] as const;

function thrown(action: () => unknown): OtpError {
  try {
    action();
  } catch (error) {
    if (error instanceof OtpError) return error;
    throw error;
  }
  throw new Error('expected an OtpError');
}

describe('base32Encode', () => {
  it.each(RFC4648)('encodes %j as the RFC 4648 vector %j without the padding', (text, encoded) => {
    expect(base32Encode(ascii(text))).toBe(encoded.replaceAll('=', ''));
  });
});

describe('base32Decode', () => {
  it.each(RFC4648)('decodes the RFC 4648 vector for %j with or without padding', (text, encoded) => {
    expect(base32Decode(encoded)).toEqual(ascii(text));
    expect(base32Decode(encoded.replaceAll('=', ''))).toEqual(ascii(text));
  });

  it('accepts a secret typed in lower case, in groups separated by spaces or hyphens', () => {
    const expected = base32Decode('JBSWY3DPEHPK3PXP');
    expect(base32Decode('jbsw y3dp ehpk 3pxp')).toEqual(expected);
    expect(base32Decode('JBSW-Y3DP-EHPK-3PXP')).toEqual(expected);
    expect(base32Decode('  jbSW-y3dp ehpk3pxp ')).toEqual(expected);
  });

  it('names the offending character and its position when a secret has a typo', () => {
    const error = thrown(() => base32Decode('JBSWY3DP1HPK3PXP'));
    expect(error.code).toBe('INVALID_BASE32');
    expect(error.message).toContain('"1" at position 9');
  });

  it('counts positions in characters a person sees, including separators', () => {
    expect(thrown(() => base32Decode('ab cd-ä')).message).toContain('"ä" at position 7');
    expect(thrown(() => base32Decode('AB😀C')).message).toContain('position 3');
  });

  it('shows control characters by code point instead of printing them', () => {
    expect(thrown(() => base32Decode('AB\nCD')).message).toContain('U+000A at position 3');
  });

  it('rejects letters after the "=" padding', () => {
    expect(thrown(() => base32Decode('MY======MY')).message).toMatch(
      /continues after "=" padding at position 9/,
    );
  });

  it('rejects lengths that no whole number of bytes can produce', () => {
    for (const text of ['A', 'ABC', 'ABCDEF', 'ABCDEFGHA']) {
      expect(thrown(() => base32Decode(text)).message).toMatch(/probably missing or extra/);
    }
  });

  it('decodes text of only separators to no bytes', () => {
    expect(base32Decode(' - ')).toEqual(new Uint8Array(0));
  });

  it('round-trips any bytes through encode and decode (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(base32Decode(encoded)).toEqual(bytes);
        expect(base32Decode(encoded.toLowerCase())).toEqual(bytes);
      }),
    );
  });

  it('only ever returns bytes or throws OtpError, whatever the text (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc
            .array(fc.constantFrom(...'ABCXYZabz234567 =-1'), { maxLength: 40 })
            .map((chars) => chars.join('')),
        ),
        (text) => {
          try {
            return base32Decode(text) instanceof Uint8Array;
          } catch (error) {
            return error instanceof OtpError;
          }
        },
      ),
    );
  });
});
