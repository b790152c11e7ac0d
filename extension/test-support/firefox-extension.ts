import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX } from '../../shared/test-support/browsers.ts';

// Driving the test build of the extension in Firefox ESR over WebDriver BiDi.

export interface FirefoxLaunchOptions {
  /** Firefox preferences for the new profile, such as where downloads go. */
  prefs?: Record<string, unknown>;
  /** The page size; Puppeteer's 800×600 when left out. */
  viewport?: { width: number; height: number };
  /** A home folder for the browser process, where Firefox looks for managed storage manifests. */
  home?: string;
}

/** Firefox in the given profile folder, with the built extension installed as a temporary add-on. */
export async function launchFirefox(
  extensionDir: string,
  profile: string,
  { prefs, viewport, home }: FirefoxLaunchOptions = {},
): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    ...(prefs && { extraPrefsFirefox: prefs }),
    ...(viewport && { defaultViewport: viewport }),
    ...(home && { env: { ...process.env, HOME: home } }),
  });
  await browser.installExtension(extensionDir);
  return browser;
}

/**
 * The extension page whose address contains `file`. WebDriver may not navigate to extension pages,
 * so the test build opens them itself (its popup page on install) and the test finds the tab.
 */
export async function findExtensionPage(browser: Browser, file: string): Promise<Page> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.includes(file)) return page;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the extension did not open ${file}`);
}
