import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable, printableLines } from './printable.ts';

describe('printable text', () => {
  it.each([
    ['an escape sequence', '\u001b[31mred\u001b[0m', '\\x1b[31mred\\x1b[0m'],
    ['a title-setting sequence ended by BEL', '\u001b]0;owned\u0007', '\\x1b]0;owned\\x07'],
    ['a C1 control sequence introducer', 'a\u009b2J', 'a\\x9b2J'],
    ['DEL and NUL', 'a\u007fb\u0000', 'a\\x7fb\\x00'],
    ['line breaks and a tab', 'one\r\ntwo\tthree', 'one\\r\\ntwo\\tthree'],
    ['a right-to-left override', 'user\u202egpj.exe', 'user\\u202egpj.exe'],
    ['isolates and marks', '\u2066a\u2069\u200e\u061c', '\\u2066a\\u2069\\u200e\\u061c'],
    ['a line separator', 'a\u2028b', 'a\\u2028b'],
    ['a lone surrogate', 'a\ud800', 'a\\ud800'],
  ])('escapes %s', (_name, text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it('prints names in any script, emoji and joiners as they are', () => {
    for (const text of [
      'Zoë Ødegård',
      'مريم',
      '李小龍',
      '👩‍💻 dev',
      'O\'Brien, "Al" = 1',
      '\\x1b as typed',
    ]) {
      expect(printable(text)).toBe(text);
    }
  });

  it('never lets a control or bidirectional character through, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(printable(text)).not.toMatch(/[\p{Cc}\p{Bidi_Control}\p{Cs}]/u);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the line breaks of a stack trace and escapes the rest', () => {
    expect(printableLines('Error: bad \u001b[2J\n    at x')).toBe('Error: bad \\x1b[2J\n    at x');
  });
});
