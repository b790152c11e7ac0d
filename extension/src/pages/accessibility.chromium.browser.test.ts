import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../shared/test-support/browsers.ts';
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
import { extensionId, launch, popupUrl } from '../../test-support/chromium-extension.ts';

// Every screen of the popup and the transfer page in Chromium, in the light, dark and both
// high-contrast themes (prefers-color-scheme and prefers-contrast, emulated): axe-core finds no
// violation, and the transfer page's screens are walked with Tab. One browser and one vault.

const THEMES = ['light', 'dark', 'high contrast light', 'high contrast dark'] as const;
type Theme = (typeof THEMES)[number];

const MEDIA: Record<Theme, { colorScheme: 'light' | 'dark'; contrast: 'no-preference' | 'more' }> = {
  light: { colorScheme: 'light', contrast: 'no-preference' },
  dark: { colorScheme: 'dark', contrast: 'no-preference' },
  'high contrast light': { colorScheme: 'light', contrast: 'more' },
  'high contrast dark': { colorScheme: 'dark', contrast: 'more' },
};

function driver(page: Page): PageDriver {
  return {
    evaluate: (expression) => page.evaluate(expression),
    click: (selector) => page.locator(selector).click(),
    clickButton: (text) => page.locator(`xpath=//button[normalize-space()="${text}"]`).click(),
    fill: (selector, value) => page.locator(selector).fill(value),
    upload: (selector, file) => page.locator(selector).setInputFiles(file),
    waitFor: (selector) => page.locator(selector).first().waitFor(),
    press: (key) => page.keyboard.press(key),
  };
}

function themeSwitch(page: Page): ThemeSwitch<Theme> {
  return {
    themes: THEMES,
    async apply(theme) {
      await page.emulateMedia(MEDIA[theme]);
      const { colorScheme, contrast } = MEDIA[theme];
      const media = await page.evaluate(
        () =>
          `${matchMedia('(prefers-color-scheme: dark)').matches} ${matchMedia('(prefers-contrast: more)').matches}`,
      );
      expect(media, theme).toBe(`${colorScheme === 'dark'} ${contrast === 'more'}`);
    },
  };
}

describe.skipIf(!browserAvailable(CHROMIUM))('every screen is accessible in every theme in Chromium', () => {
  let root: string;
  let context: BrowserContext;
  let popupPage: Page;
  let transferPage: Page | undefined;
  let files: ScreenFiles;

  beforeAll(async () => {
    const extensionDir = await buildExtension('chrome', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-a11y-'));
    files = await writeScreenFiles(root);
    context = await launch(extensionDir, join(root, 'profile'), { viewport: { width: 760, height: 900 } });
    // A step that finds nothing fails in seconds rather than at the test's time limit.
    context.setDefaultTimeout(10_000);
    popupPage = await context.newPage();
    await popupPage.goto(popupUrl(await extensionId(context)));
  });

  afterAll(async () => {
    await context?.close();
    if (root) await rm(root, { recursive: true, force: true });
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
      const results = await checkScreen('chromium', screen, driver(popupPage), themeSwitch(popupPage));
      expect(problemsOf(results)).toEqual({});
    });
  }

  for (const screen of TRANSFER_PAGE_SCREENS) {
    it(`transfer page: ${screen.name}`, async () => {
      if (!transferPage) {
        await unlockPopup(driver(popupPage));
        const opened = context.waitForEvent('page');
        await driver(popupPage).clickButton('Backup & transfer');
        transferPage = await opened;
        await transferPage.waitForLoadState();
      }
      await transferPage.bringToFront();
      await screen.reach(pages());
      // A step may have gone to the popup (to lock it); the page checked is the one in front.
      await transferPage.bringToFront();
      const results = await checkScreen('chromium', screen, driver(transferPage), themeSwitch(transferPage));
      expect(problemsOf(results)).toEqual({});
    });
  }
});
