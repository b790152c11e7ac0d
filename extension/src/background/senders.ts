import type { KeyValueArea } from '../platform/storage-area.ts';

/** The sender fields the background relies on (a subset of `runtime.MessageSender`). */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

/**
 * Whether a message comes from one of the extension's own pages (the popup, or the popup page in a
 * tab), not from a content script running in a web page, which could be a compromised renderer.
 */
export function fromExtensionPage(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  return (
    sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin)
  );
}

// In session storage, not memory: Chrome may stop the service worker while the user drags.
const SELECTION_TAB_KEY = 'selectionTab';

/** Remembers the one tab whose overlay may answer with a selection. */
export async function expectSelectionFrom(area: KeyValueArea, tabId: number): Promise<void> {
  await area.set({ [SELECTION_TAB_KEY]: tabId });
}

/**
 * The tab a selection message may be acted on for: only the top frame of the tab the overlay was
 * injected into, and only once. Undefined for any other sender.
 */
export async function takeSelectionSender(area: KeyValueArea, sender: Sender): Promise<number | undefined> {
  const tabId = sender.tab?.id;
  const expected = (await area.get(SELECTION_TAB_KEY))[SELECTION_TAB_KEY];
  if (tabId === undefined || sender.frameId !== 0 || expected !== tabId) return undefined;
  await area.remove(SELECTION_TAB_KEY);
  return tabId;
}
