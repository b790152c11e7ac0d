import { browser } from '../platform/browser.ts';

/**
 * Only in the variant the real-browser tests load (EXTENSION_TEST_HOOKS=1): Firefox's WebDriver may not
 * open moz-extension:// pages, so the extension opens its own popup page in a tab when it is installed
 * and when the browser starts. The published builds drop this code: the call site is behind a
 * build-time constant.
 */
export function registerTestHooks(): void {
  const openPopupTab = () => {
    void browser.tabs.create({ url: browser.runtime.getURL('extension/popup.html?tab-mode=1') });
  };
  browser.runtime.onInstalled.addListener(openPopupTab);
  browser.runtime.onStartup.addListener(openPopupTab);
}
