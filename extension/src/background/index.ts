import type { Runtime } from 'webextension-polyfill';
import { browser } from '../platform/browser.ts';
import { loadManagedPolicy } from '../platform/managed-storage.ts';
import type { Selection } from '../scan/region.ts';
import { AUTO_LOCK_ALARM } from '../vault/auto-lock.ts';
import { lockSession } from '../vault/lock.ts';
import { watchSystemIdle } from '../vault/system-idle.ts';
import { CLEAR_CLIPBOARD_ALARM, clearClipboard, scheduleClipboardClear } from './clipboard.ts';
import { type ExtensionMessage, isExtensionMessage } from './messages.ts';
import { scanSelection, scanWholePage, startSelection } from './scan-tab.ts';
import { expectSelectionFrom, fromExtensionPage, type Sender, takeSelectionSender } from './senders.ts';
import { registerTestHooks } from './test-hooks.ts';

// The background only routes: typed messages to their handlers, alarms to their jobs.

const fromPopup = (sender: Sender) =>
  fromExtensionPage(sender, browser.runtime.id, browser.runtime.getURL(''));

async function onSelection(sender: Sender, selection: Selection): Promise<void> {
  const tabId = await takeSelectionSender(browser.storage.session, sender);
  if (tabId !== undefined) await scanSelection(tabId, selection);
}

function route(message: ExtensionMessage, sender: Sender): Promise<unknown> | undefined {
  switch (message.type) {
    case 'scan-page':
      return fromPopup(sender) ? scanWholePage(message.tabId) : undefined;
    case 'scan-selection':
      if (!fromPopup(sender)) return undefined;
      return expectSelectionFrom(browser.storage.session, message.tabId).then(() =>
        startSelection(message.tabId),
      );
    case 'selection-made':
      return onSelection(sender, message.selection);
    case 'selection-cancelled':
      return takeSelectionSender(browser.storage.session, sender).then(() => undefined);
    case 'code-copied':
      return fromPopup(sender) ? scheduleClipboardClear() : undefined;
    case 'offscreen-clear-clipboard':
      return undefined; // answered by the offscreen document
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isExtensionMessage(message)) return undefined;
  return route(message, sender);
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void lockSession(browser.storage.session);
  if (alarm.name === CLEAR_CLIPBOARD_ALARM) void clearClipboard();
});

// Session storage is already empty after a restart; clearing it again also covers browsers that
// restore it with the session.
browser.runtime.onStartup.addListener(() => {
  void lockSession(browser.storage.session);
});

void watchSystemIdle({
  idle: browser.idle,
  local: browser.storage.local,
  session: browser.storage.session,
  policy: loadManagedPolicy,
});

if (import.meta.env.EXTENSION_TEST_HOOKS) registerTestHooks();
