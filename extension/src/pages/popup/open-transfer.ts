import { browser } from '../../platform/browser.ts';
import type { TransferScreenName } from '../transfer/screens.ts';

/**
 * Backups and imports open in a tab of their own: Firefox closes a toolbar popup as soon as a file
 * chooser takes the focus, which would lose the chosen file, and a tab leaves room for previews and
 * QR codes. The popup closes itself once the tab is open.
 */
export async function openTransferPage(screen: TransferScreenName): Promise<void> {
  const inTab = (await browser.tabs.getCurrent()) !== undefined;
  await browser.tabs.create({ url: browser.runtime.getURL(`extension/transfer.html#${screen}`) });
  if (!inTab) window.close();
}
