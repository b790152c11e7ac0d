import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textToHtml } from './text-to-html.ts';

const body = (html: string) =>
  html
    .replace(/^<!doctype html>\n<html><body[^>]*>\n/, '')
    .replace(/\n<\/body><\/html>\n$/, '')
    .replace(/<strong style="[^"]*">/g, '<strong>');

describe('textToHtml', () => {
  const cases: [string, string, string][] = [
    ['one line', 'Hello', '<p>Hello</p>'],
    ['blank lines make paragraphs', 'Hello\n\nBye', '<p>Hello</p>\n<p>Bye</p>'],
    ['single line breaks stay', 'Hello\r\nthere', '<p>Hello<br>\nthere</p>'],
    ['markup is shown, not run', '<b>&"\'</b>', '<p>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>'],
    [
      'addresses become links, without the closing full stop',
      'See https://example.test/help?a=1&b=2.',
      '<p>See <a href="https://example.test/help?a=1&amp;b=2">https://example.test/help?a=1&amp;b=2</a>.</p>',
    ],
    ['other schemes stay text', 'javascript:alert(1) ftp://x', '<p>javascript:alert(1) ftp://x</p>'],
  ];
  it.each(cases)('%s', (_name, text, html) => {
    expect(body(textToHtml([{ text }]))).toBe(html);
  });

  it('sets the code large in its own element', () => {
    expect(body(textToHtml([{ text: 'Your code is: ' }, { code: '042917' }, { text: '\n\nBye' }]))).toBe(
      '<p>Your code is: <strong>042917</strong></p>\n<p>Bye</p>',
    );
  });

  it('never lets a "<" of the text through unescaped, and always shows the code', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^\d{6}$/), fc.string(), (before, code, after) => {
        const html = body(textToHtml([{ text: before }, { code }, { text: after }]));
        expect(html).toContain(`<strong>${code}</strong>`);
        const ours = /<\/?(p|br|strong)>|<a href="[^"<>]*">|<\/a>/g;
        expect(html.replace(ours, '')).not.toContain('<');
      }),
    );
  });
});
