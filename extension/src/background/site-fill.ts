import { chooseForSite } from '../fill/choose-account.ts';
import { saveFillNotice } from '../fill/fill-notice.ts';
import { frameShortcutNotice } from '../fill/frame-access.ts';
import { t } from '../i18n/t.ts';
import { totpView } from '../pages/popup/codes.ts';
import { currentState } from '../pages/vault-session.ts';
import { browser } from '../platform/browser.ts';
import { loadSettings } from '../settings/settings.ts';
import { fillTab } from './fill-tab.ts';

/**
 * "Fill the code for this site" from the keyboard shortcut or the context menu: fills the one
 * account linked to the page's site. Whatever needs the user (a locked vault, several accounts or
 * none, no field found) opens the popup with a sentence saying what to do there.
 */

async function openPopupSaying(tabId: number, message: string): Promise<void> {
  await saveFillNotice(browser.storage.session, { message, tabId });
  try {
    await browser.action.openPopup();
  } catch {
    // Without a user action the browser may refuse; the sentence waits for the next popup.
  }
}

export async function fillForSite(tab: { id?: number; url?: string }, frameId?: number): Promise<void> {
  const tabId = tab.id;
  if (tabId === undefined) return;
  const state = await currentState();
  if (state.status !== 'unlocked') {
    return openPopupSaying(tabId, t('fillUnlockFirst'));
  }
  const choice = chooseForSite(state.snapshot.accounts, tab.url);
  if (choice.kind === 'several') {
    return openPopupSaying(tabId, t('fillSeveralAccounts'));
  }
  if (choice.kind === 'none') {
    return openPopupSaying(tabId, t('fillNoLinkedAccount'));
  }
  const { timeOffsetMs } = await loadSettings(browser.storage.local);
  const { code } = totpView(choice.account, Date.now() + timeOffsetMs);
  const reply = await fillTab({ tabId, ...(frameId !== undefined && { frameId }) }, code);
  if (!reply.ok) {
    await openPopupSaying(tabId, reply.frameOrigin ? frameShortcutNotice(reply.frameOrigin) : reply.message);
  }
}
