import { browser } from '../../platform/browser.ts';

/**
 * The tab to scan. In the toolbar popup it is the active tab. When the popup page is open in a tab of
 * its own, it is the tab the user was on before (most recently used other tab of the window).
 */
export async function targetTabId(): Promise<number | undefined> {
  const self = await browser.tabs.getCurrent();
  const tabs = await browser.tabs.query({ currentWindow: true });
  if (!self) return tabs.find((tab) => tab.active)?.id;
  const others = tabs.filter((tab) => tab.id !== self.id && !tab.url?.startsWith(location.origin));
  others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return others[0]?.id;
}

/** True when the popup page runs in a tab rather than the toolbar popup (it then stays open during a scan). */
export async function isInTab(): Promise<boolean> {
  return (await browser.tabs.getCurrent()) !== undefined;
}
