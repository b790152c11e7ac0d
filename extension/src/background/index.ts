import type { Runtime } from 'webextension-polyfill';
import { browser } from '../platform/browser.ts';
import { AUTO_LOCK_ALARM } from '../vault/auto-lock.ts';
import { forgetKey } from '../vault/session.ts';
import { CLEAR_CLIPBOARD_ALARM, clearClipboard, scheduleClipboardClear } from './clipboard.ts';
import { type ExtensionMessage, isExtensionMessage } from './messages.ts';
import { scanSelection, scanWholePage, startSelection } from './scan-tab.ts';
import { registerTestHooks } from './test-hooks.ts';

// The background only routes: typed messages to their handlers, alarms to their jobs.

function route(message: ExtensionMessage, sender: { tab?: { id?: number } }): Promise<unknown> | undefined {
  switch (message.type) {
    case 'scan-page':
      return scanWholePage(message.tabId);
    case 'scan-selection':
      return startSelection(message.tabId);
    case 'selection-made':
      return sender.tab?.id === undefined ? undefined : scanSelection(sender.tab.id, message.selection);
    case 'selection-cancelled':
      return undefined;
    case 'code-copied':
      return scheduleClipboardClear();
    case 'offscreen-clear-clipboard':
      return undefined; // answered by the offscreen document
  }
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isExtensionMessage(message)) return undefined;
  return route(message, sender);
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === AUTO_LOCK_ALARM) void forgetKey(browser.storage.session);
  if (alarm.name === CLEAR_CLIPBOARD_ALARM) void clearClipboard();
});

// Session storage is already empty after a restart; clearing it again also covers browsers that
// restore it with the session.
browser.runtime.onStartup.addListener(() => {
  void forgetKey(browser.storage.session);
});

if (import.meta.env.EXTENSION_TEST_HOOKS) registerTestHooks();
