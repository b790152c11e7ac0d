import puppeteer, { type Browser, type Extension, type Page } from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../shared/test-support/browsers.ts';

/**
 * The build users install (no host permissions, no test hooks) in Chromium. Puppeteer presses the
 * toolbar button with `page.triggerExtensionAction`: the real popup opens and `activeTab` is granted
 * for that tab exactly as by a user's click, so every scan and fill here goes through that grant.
 */
export async function launchPublished(
  extensionDir: string,
): Promise<{ browser: Browser; extension: Extension }> {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    enableExtensions: true,
    pipe: true,
    args: CHROMIUM_ARGS,
  });
  const id = await browser.installExtension(extensionDir);
  const extension = (await browser.extensions()).get(id);
  if (!extension) throw new Error('the published build did not install');
  return { browser, extension };
}

/** Clicks the toolbar button for `page` and returns the popup that opens. */
export async function clickToolbarButton(browser: Browser, page: Page, extension: Extension): Promise<Page> {
  await page.bringToFront();
  const opened = browser.waitForTarget((target) => target.url().endsWith('/extension/popup.html'));
  await page.triggerExtensionAction(extension);
  const popup = await (await opened).asPage();
  if (!popup) throw new Error('the toolbar popup did not open');
  return popup;
}

/** The popup the extension opens by itself (after a dragged selection, `action.openPopup()`). */
export async function reopenedPopup(browser: Browser): Promise<Page> {
  const target = await browser.waitForTarget((t) => t.url().endsWith('/extension/popup.html'));
  const popup = await target.asPage();
  if (!popup) throw new Error('the popup did not reopen');
  return popup;
}

export const clickText = (page: Page, text: string) => page.locator(`button::-p-text(${text})`).click();
