import type { Runtime } from 'webextension-polyfill';
import { browser } from '../platform/browser.ts';
import { loadManagedPolicy } from '../platform/managed-storage.ts';
import type { Selection } from '../scan/region.ts';
import { AUTO_LOCK_ALARM } from '../vault/auto-lock.ts';
import { lockSession } from '../vault/lock.ts';
import { watchSystemIdle } from '../vault/system-idle.ts';
import { CLEAR_CLIPBOARD_ALARM, clearClipboard, scheduleClipboardClear } from './clipboard.ts';
import { createFillMenu, FILL_MENU_ID } from './fill-menu.ts';
import { fillTab } from './fill-tab.ts';
import { type ExtensionMessage, isExtensionMessage } from './messages.ts';
import { scanSelection, scanWholePage, startSelection } from './scan-tab.ts';
import { expectSelectionFrom, fromExtensionPage, type Sender, takeSelectionSender } from './senders.ts';
import { fillForSite } from './site-fill.ts';
import { watchSync } from './sync-watch.ts';
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
    case 'fill-code':
      return fromPopup(sender) ? fillTab({ tabId: message.tabId }, message.code) : undefined;
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

// Shortcuts (manifest `commands`) and the context menu grant activeTab for the tab, as a click does.
browser.commands.onCommand.addListener((command, tab) => {
  void onCommand(command, tab);
});

async function onCommand(command: string, tab: { id?: number; url?: string } | undefined): Promise<void> {
  const active = tab ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (active?.id === undefined) return;
  if (command === 'fill-code') await fillForSite(active);
  if (command === 'scan-qr') {
    await expectSelectionFrom(browser.storage.session, active.id);
    await startSelection(active.id);
  }
}

browser.runtime.onInstalled.addListener(createFillMenu);
browser.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === FILL_MENU_ID && tab) void fillForSite(tab, info.frameId);
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

watchSync();

if (import.meta.env.EXTENSION_TEST_HOOKS) registerTestHooks();
