import { DEFAULT_TEMPLATE } from './default-template.ts';
import { escapeHtml } from './escape-html.ts';
import type { MailMessage } from './mailer.ts';
import {
  type MergeField,
  type NotificationTemplate,
  type ParsedTemplate,
  parseTemplate,
  type Segment,
  type TemplateProblem,
} from './template.ts';
import { type TextPiece, textToHtml } from './text-to-html.ts';

export { escapeHtml };

export interface MergeValues {
  readonly code: string;
  readonly username: string;
  readonly displayName: string;
  readonly minutes: number;
  readonly organisation: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  /** Generated from the text, so both parts say the same. */
  readonly html: string;
}

function fill(segments: readonly Segment[], values: MergeValues, encode: (value: string) => string): string {
  return segments
    .map((segment) =>
      'literal' in segment ? segment.literal : encode(String(values[segment.field as MergeField])),
    )
    .join('');
}

// A display name with a line break must not split the subject header.
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ');

export function renderTemplate(template: ParsedTemplate, values: MergeValues): RenderedMail {
  return {
    subject: fill(template.subject, values, oneLine),
    text: fill(template.text, values, (value) => value),
    html: textToHtml(template.text.map((segment) => piece(segment, values))),
  };
}

function piece(segment: Segment, values: MergeValues): TextPiece {
  if ('literal' in segment) return { text: segment.literal };
  if (segment.field === 'code') return { code: values.code };
  return { text: String(values[segment.field]) };
}

/** The template actually sent: the admin's when it is valid and active, else the built-in default. */
export function effectiveTemplate(stored: NotificationTemplate | null): ParsedTemplate {
  if (stored?.active) {
    const parsed = parseTemplate(stored);
    if (parsed.ok) return parsed.template;
  }
  const fallback = parseTemplate(DEFAULT_TEMPLATE);
  if (!fallback.ok) throw new Error('The built-in notification template is invalid.');
  return fallback.template;
}

export const PREVIEW_VALUES: MergeValues = Object.freeze({
  code: '123456',
  username: 'jsmith',
  displayName: 'Jo Smith',
  minutes: 5,
  organisation: 'Example Organisation',
});

export type PreviewResult =
  | { readonly ok: true; readonly mail: RenderedMail }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

/** What the admin sees before saving: the draft rendered with sample values, or why it is refused. */
export function previewTemplate(
  draft: NotificationTemplate,
  values: MergeValues = PREVIEW_VALUES,
): PreviewResult {
  const parsed = parseTemplate(draft);
  if (!parsed.ok) return parsed;
  return { ok: true, mail: renderTemplate(parsed.template, values) };
}

/** The e-mail for one sign-in code, ready for `Mailer.send`. */
export function codeMessage(to: string, template: ParsedTemplate, values: MergeValues): MailMessage {
  const mail = renderTemplate(template, values);
  return { to, subject: mail.subject, text: mail.text, html: mail.html };
}
