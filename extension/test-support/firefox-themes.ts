import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { findExtensionPage } from './firefox-extension.ts';

// Firefox's themes at run time, as its Settings set them: "Website appearance" (the content colour
// scheme, prefers-color-scheme) and "Override the colours specified by the page" (forced colours,
// which Firefox also reports as prefers-contrast: more). WebDriver BiDi cannot emulate either, so a
// small test-only add-on with the browserSettings permission changes them.

const SWITCH_DIR = fileURLToPath(new URL('./firefox-theme-switch/', import.meta.url));

export const FIREFOX_THEMES = ['light', 'dark', 'high contrast'] as const;
export type FirefoxTheme = (typeof FIREFOX_THEMES)[number];

const SETTINGS: Record<FirefoxTheme, { scheme: 'light' | 'dark'; colours: 'never' | 'always' }> = {
  light: { scheme: 'light', colours: 'never' },
  dark: { scheme: 'dark', colours: 'never' },
  'high contrast': { scheme: 'light', colours: 'always' },
};

/**
 * What a page's media queries say (dark, more contrast, forced colours) and the colours its body
 * is drawn in, so a theme is trusted only once the page is really painted in it.
 */
export const MEDIA_STATE = `JSON.stringify({
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  moreContrast: matchMedia('(prefers-contrast: more)').matches,
  forcedColours: matchMedia('(forced-colors: active)').matches,
  text: getComputedStyle(document.body).color,
  background: getComputedStyle(document.body).backgroundColor,
})`;

/**
 * The state each theme must produce in the extension's pages: the stylesheet's light and dark
 * colours, and in high contrast Firefox's own black on white in place of the page's near-black.
 */
export const EXPECTED_MEDIA: Record<FirefoxTheme, string> = {
  light: JSON.stringify({
    dark: false,
    moreContrast: false,
    forcedColours: false,
    text: 'rgb(29, 29, 31)',
    background: 'rgb(255, 255, 255)',
  }),
  dark: JSON.stringify({
    dark: true,
    moreContrast: false,
    forcedColours: false,
    text: 'rgb(232, 233, 236)',
    background: 'rgb(31, 32, 35)',
  }),
  'high contrast': JSON.stringify({
    dark: false,
    moreContrast: true,
    forcedColours: true,
    text: 'rgb(0, 0, 0)',
    background: 'rgb(255, 255, 255)',
  }),
};

/** Installs the switch; the function it returns puts the whole browser in a theme. */
export async function installThemeSwitch(browser: Browser): Promise<(theme: FirefoxTheme) => Promise<void>> {
  await browser.installExtension(SWITCH_DIR);
  const page: Page = await findExtensionPage(browser, 'switch.html');
  return async (theme) => {
    const { scheme, colours } = SETTINGS[theme];
    await page.evaluate(
      `Promise.all([browser.browserSettings.overrideContentColorScheme.set({ value: '${scheme}' }),
        browser.browserSettings.overrideDocumentColors.set({ value: '${colours}' })])`,
    );
  };
}
