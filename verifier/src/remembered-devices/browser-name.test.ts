import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { browserName, browserNames } from './browser-name.ts';

const cases: Array<[string, string | undefined, string]> = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Chrome on Windows',
  ],
  [
    'Edge on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
    'Edge on Windows',
  ],
  [
    'Firefox on Linux',
    'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    'Firefox on Linux',
  ],
  [
    'Safari on macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    'Safari on macOS',
  ],
  [
    'Safari on iOS',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    'Safari on iOS',
  ],
  [
    'Chrome on Android',
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    'Chrome on Android',
  ],
  [
    'Opera on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0',
    'Opera on Windows',
  ],
  [
    'headless Chrome on Linux',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    'Chrome on Linux',
  ],
  ['curl', 'curl/8.5.0', 'curl'],
  ['no header', undefined, 'Unknown browser'],
  ['an empty header', '', 'Unknown browser'],
];

describe('browserName', () => {
  it.each(cases)('names %s', (_name, userAgent, expected) => {
    expect(browserName(userAgent)).toBe(expected);
  });

  it('answers only one of its fixed names, whatever text a client sends', () => {
    const names = new Set(browserNames());
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expect(names.has(browserName(text))).toBe(true);
      }),
    );
  });

  it('never repeats text from the header beyond its fixed names', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).map((s) => `<b>${s}</b> Firefox/1 Windows`),
        (text) => {
          expect(browserName(text)).toBe('Firefox on Windows');
        },
      ),
    );
  });
});
