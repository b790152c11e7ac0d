/**
 * Pages the browser keeps from every extension: its own pages, the extension stores and (for a drag)
 * the PDF viewer. Named before trying, so the user reads what to do instead of the browser's raw
 * error; anything else that refuses a capture gets the general sentence.
 */

export type ScanKind = 'page' | 'selection';

const WHAT_TO_DO =
  'Open the site’s own page that shows the QR code and scan there, or use Add manually with the setup key the site gives.';

export const CANNOT_CAPTURE_MESSAGE = `This page cannot be captured: browsers keep their own pages, the extension stores and the PDF viewer from extensions. ${WHAT_TO_DO}`;

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
    return 'A rectangle cannot be dragged in the browser’s PDF viewer, so the code cannot be captured that way. Use Scan whole page, or use Add manually with the setup key.';
  }
  if (isPdf) return null;
  if (BROWSER_SCHEMES.has(address.protocol)) {
    return `Browser pages such as settings or a new tab cannot be captured: the browser keeps them from extensions. ${WHAT_TO_DO}`;
  }
  const storePath = address.hostname === 'chrome.google.com' && address.pathname.startsWith('/webstore');
  if (STORE_HOSTS.has(address.hostname) || storePath) {
    return `The extension store cannot be captured: the browser keeps its pages from extensions. ${WHAT_TO_DO}`;
  }
  return null;
}
