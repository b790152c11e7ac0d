/**
 * Pages the browser keeps from every extension: its own pages, the extension stores and (for a drag)
 * the PDF viewer. Named before trying, so the user reads what to do instead of the browser's raw
 * error; anything else that refuses a capture gets the general sentence.
 */

import { t } from '../i18n/t.ts';

export type ScanKind = 'page' | 'selection';

export const CANNOT_CAPTURE_MESSAGE = t('cannotCapturePage');

const BROWSER_SCHEMES = new Set([
  'about:',
  'chrome:',
  'chrome-untrusted:',
  'chrome-search:',
  'devtools:',
  'edge:',
  'view-source:',
  'resource:',
  'chrome-extension:',
  'moz-extension:',
]);

/** Extension stores, and Firefox's own sites where add-ons may not run. */
const STORE_HOSTS = new Set([
  'chromewebstore.google.com',
  'microsoftedge.microsoft.com',
  'addons.mozilla.org',
  'accounts.firefox.com',
  'support.mozilla.org',
]);

/** Chrome's PDF viewer is a built-in extension; Firefox shows PDFs at their own address. */
const CHROME_PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The sentence for a page no scan can capture, or `null` when the page may be tried. */
export function restrictedPageMessage(url: string | undefined, kind: ScanKind): string | null {
  if (url === undefined || url === '') return null;
  const address = parse(url);
  if (!address) return null;
  const isPdf = url.startsWith(CHROME_PDF_VIEWER) || /\.pdf$/i.test(address.pathname);
  if (isPdf && kind === 'selection') {
    return t('cannotDragInPdf');
  }
  if (isPdf) return null;
  if (BROWSER_SCHEMES.has(address.protocol)) {
    return t('cannotCaptureBrowserPage');
  }
  const storePath = address.hostname === 'chrome.google.com' && address.pathname.startsWith('/webstore');
  if (STORE_HOSTS.has(address.hostname) || storePath) {
    return t('cannotCaptureStore');
  }
  return null;
}
