import { clearClipboardIn } from '../background/clipboard.ts';
import { isExtensionMessage } from '../background/messages.ts';
import { browser } from '../platform/browser.ts';

// Chrome's offscreen document: exists only to clear the clipboard, which needs a document.
browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isExtensionMessage(message) || message.type !== 'offscreen-clear-clipboard') return undefined;
  return Promise.resolve(clearClipboardIn(document));
});
