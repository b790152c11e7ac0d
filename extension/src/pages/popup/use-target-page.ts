import { useCallback, useEffect, useState } from 'preact/hooks';
import { FILL_NOTICE_KEY, takeFillNotice } from '../../fill/fill-notice.ts';
import type { OnPageSite } from '../../fill/site-first.ts';
import { browser } from '../../platform/browser.ts';
import { targetTabId } from './target-tab.ts';

/** The page the popup works on: its Fill buttons and its site's accounts. */
export interface TargetPage {
  tabId: number;
  url: string | undefined;
  /** A shortcut or the context menu named this tab when it opened the popup. */
  named: boolean;
  /** Whether an account belongs to this page's site. */
  onSite: OnPageSite;
}

/**
 * Follows the page the popup works on: the active tab, or the tab a shortcut or the context menu
 * named. The popup page in a tab stays open while the user moves between pages, so it looks again
 * whenever another tab comes to the front or the page changes, and a message about the old page
 * (one that cannot be captured) is cleared.
 */
export function useTargetPage(setNotice: (message: string) => void): TargetPage | null {
  const [page, setPage] = useState<TargetPage | null>(null);

  const findPage = useCallback(async () => {
    const notice = await takeFillNotice(browser.storage.session);
    if (notice) setNotice(notice.message);
    const tabId = notice?.tabId ?? (await targetTabId());
    if (tabId === undefined) return setPage(null);
    // Site matching needs the public-suffix list, loaded here so the first codes never wait for it.
    const [tab, { sameSite }] = await Promise.all([
      browser.tabs.get(tabId).catch(() => undefined),
      import('../../fill/site.ts'),
    ]);
    const onSite: OnPageSite = (site) => sameSite(site, tab?.url);
    setPage(tab ? { tabId, url: tab.url, named: notice !== null, onSite } : null);
  }, [setNotice]);

  useEffect(() => {
    void findPage();
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && changes[FILL_NOTICE_KEY]?.newValue) void findPage();
    };
    const onTabActivated = () => {
      setNotice('');
      void findPage();
    };
    const onTabUpdated = (_id: number, change: { status?: string; url?: string }) => {
      if (change.status === 'loading' || change.url) setNotice('');
      if (change.url || change.status === 'complete') void findPage();
    };
    browser.storage.onChanged.addListener(onChange);
    browser.tabs.onActivated.addListener(onTabActivated);
    browser.tabs.onUpdated.addListener(onTabUpdated);
    return () => {
      browser.storage.onChanged.removeListener(onChange);
      browser.tabs.onActivated.removeListener(onTabActivated);
      browser.tabs.onUpdated.removeListener(onTabUpdated);
    };
  }, [findPage, setNotice]);

  return page;
}
