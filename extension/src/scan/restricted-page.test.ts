import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restrictedPageMessage } from './restricted-page.ts';

describe('pages the browser keeps from extensions', () => {
  it('names browser pages and says what to do instead, for a whole-page scan and a drag', () => {
    for (const url of [
      'chrome://settings/',
      'about:addons',
      'about:newtab',
      'edge://extensions',
      'view-source:https://example.com/',
    ]) {
      for (const kind of ['page', 'selection'] as const) {
        const message = restrictedPageMessage(url, kind);
        expect(message, url).toContain('Browser pages');
        expect(message).toContain('cannot be captured');
        expect(message).toContain('Add manually');
      }
    }
  });

  it('names the extension stores of Chrome, Edge and Firefox', () => {
    for (const url of [
      'https://chromewebstore.google.com/detail/abc',
      'https://chrome.google.com/webstore/category/extensions',
      'https://addons.mozilla.org/en-US/firefox/',
      'https://microsoftedge.microsoft.com/addons/home',
    ]) {
      expect(restrictedPageMessage(url, 'page'), url).toContain('The extension store cannot be captured');
    }
  });

  it('lets a whole-page scan try the PDF viewer but explains that a drag is not possible there', () => {
    const pdf = 'https://example.com/setup/recovery.pdf';
    expect(restrictedPageMessage(pdf, 'page')).toBeNull();
    expect(restrictedPageMessage(pdf, 'selection')).toContain('PDF viewer');
    expect(restrictedPageMessage(pdf, 'selection')).toContain('Scan whole page');
    expect(
      restrictedPageMessage('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'selection'),
    ).toContain('PDF viewer');
  });

  it('leaves ordinary sites, and addresses it cannot see, to be tried', () => {
    expect(restrictedPageMessage('https://accounts.example.com/2fa/setup', 'page')).toBeNull();
    expect(restrictedPageMessage('https://google.com/webstore', 'selection')).toBeNull();
    expect(restrictedPageMessage(undefined, 'page')).toBeNull();
    expect(restrictedPageMessage('', 'selection')).toBeNull();
  });

  it('never throws on any address, and only ever answers null or a sentence with what to do', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `about:${s}`),
        ),
        (url) => {
          for (const kind of ['page', 'selection'] as const) {
            const message = restrictedPageMessage(url, kind);
            if (message !== null) expect(message).toMatch(/Add manually/);
          }
        },
      ),
    );
  });
});
