/**
 * Text from data (a file's cells, names from the database, the arguments given) made safe to print on
 * a terminal. Control characters (C0, DEL, C1) would run escape sequences or start lines that look like
 * the program's own; bidirectional controls would reorder what the reader sees; line separators and
 * lone surrogates would not show what is there. Each is written as a visible escape (\n, \x1b, \u202e);
 * everything else is printed as it is.
 */
const UNPRINTABLE = /[\p{Cc}\p{Bidi_Control}\p{Cs}\u2028\u2029]/gu;
const NAMED: Partial<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escaped(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16);
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => NAMED[character] ?? escaped(character));
}

/** The same for text of several lines (a stack trace): its line breaks are kept, each line made safe. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
