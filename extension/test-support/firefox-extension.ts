import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX } from '../../shared/test-support/browsers.ts';
import type { TypedAccount } from './typed-account.ts';

// Driving the test build of the extension in Firefox ESR over WebDriver BiDi.

export interface FirefoxLaunchOptions {
  /** Firefox preferences for the new profile, such as where downloads go. */
  prefs?: Record<string, unknown>;
  /** The page size; Puppeteer's 800×600 when left out. */
  viewport?: { width: number; height: number };
  /** A home folder for the browser process, where Firefox looks for managed storage manifests. */
  home?: string;
  /**
   * The interface language asked for (`intl.locale.requested`), which picks the extension's catalogue;
   * Firefox grants it only with that language's pack installed (Debian's firefox-esr-l10n-*).
   */
  language?: string;
}

/** Firefox in the given profile folder, with the built extension installed as a temporary add-on. */
export async function launchFirefox(
  extensionDir: string,
  profile: string,
  { prefs, viewport, home, language }: FirefoxLaunchOptions = {},
): Promise<Browser> {
  const allPrefs = language ? { ...prefs, 'intl.locale.requested': language } : prefs;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    ...(allPrefs && { extraPrefsFirefox: allPrefs }),
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

/** The test build's popup tab after a first vault password is set. */
export async function setUpFirefoxVault(browser: Browser, password: string): Promise<Page> {
  const popup = await findExtensionPage(browser, 'popup.html');
  await popup.locator('input[name="password"]').fill(password);
  await popup.locator('input[name="confirm"]').fill(password);
  await popup.locator('button::-p-text(Set password)').click();
  await popup.waitForSelector('::-p-text(No accounts yet)');
  return popup;
}

/** Adds an account through "Add manually", as the form takes it. */
export async function addByHandInFirefox(popup: Page, account: TypedAccount): Promise<void> {
  await popup.locator('button::-p-text(Add manually)').click();
  await popup.locator('input[name="secret"]').fill(account.secret);
  await popup.locator('input[name="issuer"]').fill(account.issuer);
  await popup.locator('input[name="account"]').fill(account.account);
  await popup.select('select[name="algorithm"]', account.algorithm);
  await popup.select('select[name="digits"]', account.digits);
  await popup.locator('input[name="period"]').fill(account.period);
  await popup.locator('form button[type="submit"]').click();
  await popup.waitForSelector(`.name::-p-text(${account.account})`);
}

/**
 * Clicks a button of an extension page by script, so the page to scan stays in front, as it does
 * under the toolbar popup. `scope` narrows the search to a part of the page (a CSS selector).
 */
export async function clickBehind(page: Page, text: string, scope?: string): Promise<void> {
  const button = await page.waitForSelector(`${scope ? `${scope} ` : ''}button::-p-text(${text})`);
  await button?.evaluate((element) => (element as HTMLButtonElement).click());
}

/**
 * Reloads an extension page from its own script (WebDriver may not navigate one), which is how a
 * test reopens the popup page, and waits until `ready` (a CSS selector) is shown on the new page.
 */
export async function reloadExtensionPage(page: Page, ready: string): Promise<void> {
  await page.evaluate('document.body.dataset.before = "reload"; location.reload()');
  await page.waitForFunction(
    `!document.body?.dataset.before && document.querySelector(${JSON.stringify(ready)})`,
  );
}
