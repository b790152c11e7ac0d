import { browser } from '../platform/browser.ts';

/** Copied codes are cleared from the clipboard this long after the copy. */
export const CLIPBOARD_CLEAR_MS = 30_000;
export const CLEAR_CLIPBOARD_ALARM = 'clear-clipboard';
const OFFSCREEN_PATH = 'extension/offscreen.html';

export async function scheduleClipboardClear(): Promise<void> {
  await browser.alarms.create(CLEAR_CLIPBOARD_ALARM, { when: Date.now() + CLIPBOARD_CLEAR_MS });
}

/** Replaces the clipboard content with an empty string from a document the extension owns. */
export function clearClipboardIn(doc: Document): boolean {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    return doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}

/**
 * Chrome's service worker has no document, so the clearing happens in an offscreen document created
 * for the purpose. Firefox's background page is a document and does it directly.
 */
export async function clearClipboard(): Promise<void> {
  const offscreen = (globalThis as { chrome?: { offscreen?: ChromeOffscreen } }).chrome?.offscreen;
  if (offscreen) {
    if (!(await offscreen.hasDocument())) {
      await offscreen.createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['CLIPBOARD'],
        justification: 'Clear a copied one-time code from the clipboard after 30 seconds.',
      });
    }
    await browser.runtime.sendMessage({ type: 'offscreen-clear-clipboard' });
    await offscreen.closeDocument();
    return;
  }
  if (typeof document !== 'undefined') clearClipboardIn(document);
}

/** The part of Chrome's offscreen API used here; webextension-polyfill has no types for it. */
interface ChromeOffscreen {
  hasDocument(): Promise<boolean>;
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
