import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX } from '../../test/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { describeEnrollmentScenario } from '../test-support/enrollment-scenario.ts';
import { puppeteerTab } from '../test-support/puppeteer-tab.ts';
import { Tab, waitUntil } from '../test-support/scenario-tab.ts';

/** The test build opens its popup page in a tab when installed; WebDriver may not navigate there itself. */
function findPopup(browser: Browser): Promise<Page> {
  return waitUntil('the extension to open its popup page', async () => {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.includes('popup.html')) return page;
    }
    return undefined;
  });
}

// The verifier enrolment story in Firefox ESR, driven with Puppeteer; the steps are shared with Chromium.
describeEnrollmentScenario({
  name: 'firefox',
  executable: FIREFOX,
  async launch() {
    const extensionDir = await buildExtension('firefox', true);
    const profile = await mkdtemp(join(tmpdir(), 'enrollment-firefox-'));
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      defaultViewport: { width: 1280, height: 800 },
    });
    await browser.installExtension(extensionDir);
    const popupPage = await findPopup(browser);
    const page = await browser.newPage();
    return {
      popup: new Tab(puppeteerTab(popupPage)),
      page: new Tab(puppeteerTab(page)),
      async close() {
        await browser.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  },
});
