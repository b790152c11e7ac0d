import { escapeHtml } from './escape-html.ts';

/**
 * The HTML part of a code e-mail, generated from its plain-text body so the two never disagree:
 * the text escaped, paragraphs from blank lines, line breaks kept, http(s) addresses as links and
 * the code set large. Written here because it is this small; no installed package does only this.
 */

/** A piece of the filled-in plain-text body: ordinary text, or the sign-in code itself. */
export type TextPiece = { readonly text: string } | { readonly code: string };

// Trailing punctuation usually ends the sentence, not the address.
const URL = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;
/** Mail programs ignore style sheets, so the look is in style attributes; the CSP allows exactly these. */
export const CODE_STYLE = 'font-size: 28px; font-weight: bold; letter-spacing: 4px;';
export const BODY_STYLE = 'font-family: sans-serif; line-height: 1.5;';

function linkify(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(URL)) {
    const start = match.index;
    html += `${escapeHtml(text.slice(from, start))}<a href="${escapeHtml(match[0])}">${escapeHtml(match[0])}</a>`;
    from = start + match[0].length;
  }
  return html + escapeHtml(text.slice(from));
}

function piecesToLines(pieces: readonly TextPiece[]): string[][] {
  const lines: string[][] = [[]];
  for (const piece of pieces) {
    if ('code' in piece) {
      lines.at(-1)?.push(`<strong style="${CODE_STYLE}">${escapeHtml(piece.code)}</strong>`);
      continue;
    }
    piece.text.split(/\r?\n/).forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines.at(-1)?.push(linkify(part));
    });
  }
  return lines;
}

/** The whole HTML document for `pieces`; never throws. */
export function textToHtml(pieces: readonly TextPiece[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of piecesToLines(pieces)) {
    const html = line.join('');
    if (html.trim() === '') {
      if (current.length > 0) paragraphs.push(`<p>${current.join('<br>\n')}</p>`);
      current = [];
    } else {
      current.push(html);
    }
  }
  if (current.length > 0) paragraphs.push(`<p>${current.join('<br>\n')}</p>`);
  return ['<!doctype html>', `<html><body style="${BODY_STYLE}">`, ...paragraphs, '</body></html>', ''].join(
    '\n',
  );
}
