import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeMessage,
  DEFAULT_TEMPLATE,
  effectiveTemplate,
  escapeHtml,
  MERGE_FIELDS,
  type MergeValues,
  type NotificationTemplate,
  parseTemplate,
  previewTemplate,
  renderTemplate,
} from './index.ts';

const values: MergeValues = {
  code: '042917',
  username: 'ana',
  displayName: 'Ana <Admin> & "Co"',
  minutes: 5,
  organisation: 'Acme Ltd',
};

const valid: NotificationTemplate = {
  subject: 'Code for {{ organisation }}',
  text: 'Hi {{displayName}}, your code is {{code}} ({{minutes}} min, {{username}}).',
  active: true,
};

function problemsOf(template: NotificationTemplate): string[] {
  const parsed = parseTemplate(template);
  return parsed.ok ? [] : parsed.problems.map((problem) => `${problem.part}: ${problem.message}`);
}

describe('notification template', () => {
  it('renders every merge field, escaping values only in the HTML part generated from the text', () => {
    const parsed = parseTemplate(valid);
    if (!parsed.ok) throw new Error('expected a valid template');
    const mail = renderTemplate(parsed.template, values);
    expect(mail.subject).toBe('Code for Acme Ltd');
    expect(mail.text).toBe('Hi Ana <Admin> & "Co", your code is 042917 (5 min, ana).');
    expect(mail.html).toContain('<p>Hi Ana &lt;Admin&gt; &amp; &quot;Co&quot;, your code is <strong');
    expect(mail.html).toMatch(/>042917<\/strong> \(5 min, ana\)\.<\/p>/);
  });

  it('changes the HTML part when the plain-text body changes', () => {
    const parsed = parseTemplate({ ...valid, text: 'New wording: {{code}}' });
    if (!parsed.ok) throw new Error('expected a valid template');
    const mail = renderTemplate(parsed.template, values);
    expect(mail.html).toContain('New wording: <strong');
    expect(mail.html).not.toContain('Hi Ana');
  });

  it('refuses an unknown merge field and names it and the part it is in', () => {
    expect(problemsOf({ ...valid, text: '{{code}} {{firstName}}' })).toEqual([
      expect.stringMatching(
        /^text: The plain-text body uses the unknown merge field \{\{firstName\}\}; the fields are/,
      ),
    ]);
  });

  it('refuses a body without {{code}} because the user would never get the code', () => {
    expect(problemsOf({ ...valid, text: 'Hello {{displayName}}' })).toEqual([
      'text: The plain-text body must contain {{code}}, or the code is never sent.',
    ]);
  });

  it('lists every problem at once: unclosed braces, empty fields, empty or multi-line subject', () => {
    expect(problemsOf({ subject: ' ', text: '{{code}} {{}} {{code', active: true })).toEqual([
      'subject: The subject is empty.',
      'text: The plain-text body has an empty merge field "{{}}".',
      'text: The plain-text body has "{{" without a closing "}}".',
    ]);
    expect(problemsOf({ ...valid, subject: 'Line one\nline two' })).toEqual([
      'subject: The subject must be one line.',
    ]);
  });

  it('sends both parts, the HTML one generated from the text', () => {
    const parsed = parseTemplate(valid);
    if (!parsed.ok) throw new Error('expected a valid template');
    const message = codeMessage('ana@example.org', parsed.template, values);
    expect(message.text).toContain('042917');
    expect(message.html).toContain('>042917</strong>');
  });

  it('keeps a display name with a line break from splitting the subject', () => {
    const parsed = parseTemplate({ ...valid, subject: 'For {{displayName}}' });
    if (!parsed.ok) throw new Error('expected a valid template');
    expect(
      renderTemplate(parsed.template, { ...values, displayName: 'Ana\r\nBcc: x@evil.test' }).subject,
    ).toBe('For Ana Bcc: x@evil.test');
  });

  it('previews a draft with sample values, or says why it is refused', () => {
    const preview = previewTemplate(DEFAULT_TEMPLATE);
    expect(preview.ok && preview.mail.text).toContain('123456');
    expect(previewTemplate({ ...valid, text: 'no code' })).toMatchObject({
      ok: false,
      problems: [{ part: 'text' }],
    });
  });

  it('sends the default template while the custom one is switched off', () => {
    const custom = { ...valid, active: false };
    expect(renderTemplate(effectiveTemplate(custom), values).subject).toBe('Your sign-in code for Acme Ltd');
    expect(renderTemplate(effectiveTemplate({ ...custom, active: true }), values).subject).toBe(
      'Code for Acme Ltd',
    );
    expect(renderTemplate(effectiveTemplate(null), values).text).toContain('042917');
  });

  it('ships a default template that uses every merge field', () => {
    for (const field of MERGE_FIELDS) {
      expect(DEFAULT_TEMPLATE.text).toContain(`{{${field}}}`);
    }
  });
});

describe('notification template parser properties', () => {
  it('returns a template or a list of named problems for any text, never throwing', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (subject, text, active) => {
        const parsed = parseTemplate({ subject, text, active });
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          for (const problem of parsed.problems) expect(problem.message).toMatch(/^The (subject|plain-text)/);
        }
      }),
    );
  });

  it('refuses any unknown field name and repeats it in the message', () => {
    const unknownName = fc
      .stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,15}$/)
      .filter((name) => !(MERGE_FIELDS as readonly string[]).includes(name));
    fc.assert(
      fc.property(unknownName, (name) => {
        expect(problemsOf({ ...valid, text: `{{code}} {{${name}}}` }).join('\n')).toContain(`{{${name}}}`);
      }),
    );
  });

  it('substitutes fields into any literal text exactly once', () => {
    const literal = fc.string().filter((text) => !text.includes('{') && !text.includes('}'));
    const pieces = fc.array(fc.oneof(literal, fc.constantFrom(...MERGE_FIELDS.map((f) => `{{${f}}}`))));
    const mergeValues = fc.record({
      code: fc.stringMatching(/^\d{6}$/),
      username: fc.string(),
      displayName: fc.string(),
      minutes: fc.integer({ min: 1, max: 60 }),
      organisation: fc.string(),
    });
    fc.assert(
      fc.property(pieces, mergeValues, (parts, merge) => {
        const body = `${parts.join('')}{{code}}`;
        const parsed = parseTemplate({ subject: 'Code', text: body, active: true });
        if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
        const expand = (encode: (v: string) => string) =>
          body.replace(/\{\{(\w+)\}\}/g, (_, name: keyof MergeValues) => encode(String(merge[name])));
        const rendered = renderTemplate(parsed.template, merge);
        expect(rendered.text).toBe(expand((v) => v));
        expect(rendered.html).toContain(`>${escapeHtml(merge.code)}</strong>`);
      }),
    );
  });
});
