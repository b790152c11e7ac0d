/**
 * The admin-editable notification that carries an e-mailed sign-in code: subject and plain-text body
 * with `{{field}}` merge fields; the HTML part is generated from the text (text-to-html.ts), so the
 * two always say the same. Parsing checks every part once, so rendering cannot fail.
 */

export const MERGE_FIELDS = ['code', 'username', 'displayName', 'minutes', 'organisation'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** The template as stored and as edited in the web app. */
export interface NotificationTemplate {
  readonly subject: string;
  readonly text: string;
  /** An inactive template is kept for editing while the default one is sent. */
  readonly active: boolean;
}

export type TemplatePart = 'subject' | 'text';

export type Segment = { readonly literal: string } | { readonly field: MergeField };

export interface ParsedTemplate {
  readonly subject: readonly Segment[];
  readonly text: readonly Segment[];
  readonly active: boolean;
}

export interface TemplateProblem {
  readonly part: TemplatePart;
  readonly message: string;
}

export type TemplateParseResult =
  | { readonly ok: true; readonly template: ParsedTemplate }
  | { readonly ok: false; readonly problems: readonly TemplateProblem[] };

const PART_NAMES: Record<TemplatePart, string> = {
  subject: 'The subject',
  text: 'The plain-text body',
};
const MAX_SUBJECT_LENGTH = 200;
const MAX_BODY_LENGTH = 20_000;
const KNOWN = new Set<string>(MERGE_FIELDS);
const FIELD_LIST = MERGE_FIELDS.map((name) => `{{${name}}}`).join(', ');

function isMergeField(name: string): name is MergeField {
  return KNOWN.has(name);
}

/** Splits one part into literal text and merge fields; `{{ name }}` may have spaces inside the braces. */
function parsePart(part: TemplatePart, source: string, problems: TemplateProblem[]): Segment[] {
  const segments: Segment[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open === -1) {
      segments.push({ literal: rest });
      break;
    }
    if (open > 0) segments.push({ literal: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close === -1) {
      problems.push({ part, message: `${PART_NAMES[part]} has "{{" without a closing "}}".` });
      break;
    }
    const name = rest.slice(open + 2, close).trim();
    if (isMergeField(name)) {
      segments.push({ field: name });
    } else if (name === '') {
      problems.push({ part, message: `${PART_NAMES[part]} has an empty merge field "{{}}".` });
    } else {
      problems.push({
        part,
        message: `${PART_NAMES[part]} uses the unknown merge field {{${name}}}; the fields are ${FIELD_LIST}.`,
      });
    }
    rest = rest.slice(close + 2);
  }
  return segments;
}

function hasCode(segments: readonly Segment[]): boolean {
  return segments.some((segment) => 'field' in segment && segment.field === 'code');
}

function checkShape(input: NotificationTemplate, problems: TemplateProblem[]): boolean {
  for (const part of ['subject', 'text'] as const) {
    if (typeof input?.[part] !== 'string') {
      problems.push({ part, message: `${PART_NAMES[part]} must be text.` });
    }
  }
  if (problems.length > 0) return false;
  if (input.subject.trim() === '') problems.push({ part: 'subject', message: 'The subject is empty.' });
  if (/[\r\n]/.test(input.subject))
    problems.push({ part: 'subject', message: 'The subject must be one line.' });
  if (input.subject.length > MAX_SUBJECT_LENGTH) {
    problems.push({
      part: 'subject',
      message: `The subject is longer than ${MAX_SUBJECT_LENGTH} characters.`,
    });
  }
  if (input.text.length > MAX_BODY_LENGTH) {
    problems.push({
      part: 'text',
      message: `${PART_NAMES.text} is longer than ${MAX_BODY_LENGTH} characters.`,
    });
  }
  if (input.text.trim() === '') problems.push({ part: 'text', message: 'The plain-text body is empty.' });
  return true;
}

/** Checks and splits a template; every problem found is listed, each naming the part and the field. */
export function parseTemplate(input: NotificationTemplate): TemplateParseResult {
  const problems: TemplateProblem[] = [];
  if (!checkShape(input, problems)) return { ok: false, problems };
  const subject = parsePart('subject', input.subject, problems);
  const text = parsePart('text', input.text, problems);
  if (!hasCode(text)) {
    problems.push({
      part: 'text',
      message: 'The plain-text body must contain {{code}}, or the code is never sent.',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, template: { subject, text, active: input.active === true } };
}
