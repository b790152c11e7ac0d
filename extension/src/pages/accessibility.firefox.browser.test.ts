import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { POPUP_SCREENS } from '../../test-support/a11y-popup-screens.ts';
import { checkScreen, problemsOf, type ThemeSwitch } from '../../test-support/a11y-run.ts';
import {
  type PageDriver,
  type ScreenFiles,
  unlockPopup,
  writeScreenFiles,
} from '../../test-support/a11y-screens.ts';
import { TRANSFER_PAGE_SCREENS } from '../../test-support/a11y-transfer-screens.ts';
import { findExtensionPage, launchFirefox } from '../../test-support/firefox-extension.ts';
import {
  EXPECTED_MEDIA,
  FIREFOX_THEMES,
  type FirefoxTheme,
  installThemeSwitch,
  MEDIA_STATE,
} from '../../test-support/firefox-themes.ts';

// Every screen of the popup (the test build's popup page, in a tab) and the transfer page in
// Firefox ESR, in its light and dark website appearance and with its colour override on (high
// contrast): axe-core finds no violation, and the transfer page's screens are walked with Tab.
// One browser and one vault.

function driver(page: Page): PageDriver {
  return {
    evaluate: (expression) => page.evaluate(expression),
    // A user clicks on the tab in front; the popup and the transfer page are tabs side by side.
    async click(selector) {
      await page.bringToFront();
      await page.locator(selector).click();
    },
    async clickButton(text) {
      await page.bringToFront();
      await page.locator(`::-p-xpath(//button[normalize-space()="${text}"])`).click();
    },
    fill: (selector, value) => page.locator(selector).fill(value),
    async upload(selector, file) {
      const input = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
    },
    waitFor: async (selector) => {
      await page.waitForSelector(selector).catch(async (failure: Error) => {
        // Says what the page showed instead, so a failure on a loaded machine can be read.
        const shown = await page.evaluate(() => document.body.textContent).catch(() => '(unreadable)');
        throw new Error(`${failure.message}; the page showed: ${shown}`);
      });
    },
    press: (key) => page.keyboard.press(key as 'Tab'),
  };
}

describe.skipIf(!browserAvailable(FIREFOX))('every screen is accessible in every theme in Firefox', () => {
  let root: string;
  let browser: Browser;
  let popupPage: Page;
  let transferPage: Page | undefined;
  let files: ScreenFiles;
  let setTheme: (theme: FirefoxTheme) => Promise<void>;

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-a11y-firefox-'));
    files = await writeScreenFiles(root);
    const downloads = join(root, 'downloads');
    await mkdir(downloads);
    browser = await launchFirefox(extensionDir, join(root, 'profile'), {
      viewport: { width: 760, height: 900 },
      prefs: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        // The downloads panel would take the window's focus from the page after the backup is saved.
        'browser.download.alwaysOpenPanel': false,
      },
    });
    popupPage = await findExtensionPage(browser, 'popup.html');
    setTheme = await installThemeSwitch(browser);
  });

  afterAll(async () => {
    await browser?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const themeSwitch = (page: Page): ThemeSwitch<FirefoxTheme> => ({
    themes: FIREFOX_THEMES,
    async apply(theme) {
      await setTheme(theme);
      await expect.poll(() => page.evaluate(MEDIA_STATE), { message: theme }).toBe(EXPECTED_MEDIA[theme]);
    },
  });

  const pages = () => ({
    popup: driver(popupPage),
    files,
    get transfer() {
      if (!transferPage) throw new Error('the transfer page is not open yet');
      return driver(transferPage);
    },
  });

  for (const screen of POPUP_SCREENS) {
    it(`popup: ${screen.name}`, async () => {
      await popupPage.bringToFront();
      await screen.reach(pages());
      const results = await checkScreen('firefox', screen, driver(popupPage), themeSwitch(popupPage));
      expect(problemsOf(results)).toEqual({});
    });
  }

  for (const screen of TRANSFER_PAGE_SCREENS) {
    it(`transfer page: ${screen.name}`, async () => {
      if (!transferPage) {
        await unlockPopup(driver(popupPage));
        await driver(popupPage).clickButton('Backup & transfer');
        transferPage = await findExtensionPage(browser, 'transfer.html');
      }
      await transferPage.bringToFront();
      await screen.reach(pages());
      // A step may have gone to the popup (to lock it); the page checked is the one in front.
      await transferPage.bringToFront();
      const results = await checkScreen('firefox', screen, driver(transferPage), themeSwitch(transferPage));
      expect(problemsOf(results)).toEqual({});
    });
  }
});
