import type { MailMessage } from '../mail/index.ts';
import { textToHtml } from '../mail/text-to-html.ts';
import type { SecurityMailKind } from './kinds.ts';
import { type NoticeField, SECURITY_WORDING } from './wording.ts';

export type NoticeValues = Record<NoticeField, string>;

const FIELD = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

function fill(template: string, values: NoticeValues, encode: (value: string) => string = (v) => v): string {
  return template.replace(FIELD, (whole, name: string) =>
    name in values ? encode(values[name as NoticeField]) : whole,
  );
}

// A display name with a line break must not split the subject header.
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

/** The security e-mail of `kind` to `to`, filled in; the HTML part is made from the text. */
export function noticeMessage(to: string, kind: SecurityMailKind, values: NoticeValues): MailMessage {
  const wording = SECURITY_WORDING[kind];
  const text = fill(wording.text, values);
  return { to, subject: fill(wording.subject, values, oneLine), text, html: textToHtml([{ text }]) };
}
