import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALPHABET,
  CODE_LENGTH,
  CODES_PER_SET,
  codeFromBytes,
  formatRecoveryCode,
  newCodeSet,
  parseRecoveryCode,
  SECRET_BITS,
} from './recovery-code-format.ts';

const bytes = fc.uint8Array({ minLength: CODE_LENGTH, maxLength: CODE_LENGTH });

describe('recovery code format', () => {
  it('has a secret part of at least 64 bits', () => {
    expect(SECRET_BITS).toBeGreaterThanOrEqual(64);
  });

  it('reads back every code it formats, also typed in lower case, with spaces or look-alike letters', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom('-', ' ', ''), (raw, separator) => {
        const code = codeFromBytes(raw);
        const shown = formatRecoveryCode(code);
        expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
        expect(parseRecoveryCode(shown)).toEqual(code);
        const typed = ` ${shown.replaceAll('-', separator).toLowerCase().replaceAll('0', 'o').replaceAll('1', 'l')} `;
        expect(parseRecoveryCode(typed)).toEqual(code);
      }),
    );
  });

  it('never throws on any text, and answers null unless it is 20 characters of the alphabet', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseRecoveryCode(text);
        if (parsed === null) return;
        expect((parsed.id + parsed.secret).length).toBe(CODE_LENGTH);
        for (const c of parsed.id + parsed.secret) expect(ALPHABET).toContain(c);
      }),
    );
  });

  it('refuses a six-digit authenticator code, a code one character short and one with a U', () => {
    expect(parseRecoveryCode('123456')).toBeNull();
    expect(parseRecoveryCode('7K3QM-V9XAD-2HRTE-5WNB')).toBeNull();
    expect(parseRecoveryCode('7K3QM-V9XAD-2HRTE-5WNBU')).toBeNull();
  });

  it('makes a set of ten codes with distinct ids, drawing again on a repeated id', () => {
    const draws = [new Uint8Array(CODE_LENGTH).fill(1), new Uint8Array(CODE_LENGTH).fill(1)];
    let n = 0;
    const set = newCodeSet((length) => draws.shift() ?? new Uint8Array(length).fill(n++));
    expect(set).toHaveLength(CODES_PER_SET);
    expect(new Set(set.map((code) => code.id)).size).toBe(CODES_PER_SET);
  });
});
