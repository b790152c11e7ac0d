import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIREFOX } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { findExtensionPage, launchFirefox } from '../test-support/firefox-extension.ts';
import { describeEnrollmentScenario } from './support/enrollment-scenario.ts';
import { puppeteerTab } from './support/puppeteer-tab.ts';
import { Tab } from './support/scenario-tab.ts';

// The verifier enrolment story in Firefox ESR, driven with Puppeteer; the steps are shared with Chromium.
describeEnrollmentScenario({
  name: 'firefox',
  executable: FIREFOX,
  async launch() {
    const extensionDir = await buildExtension('firefox', true);
    const profile = await mkdtemp(join(tmpdir(), 'enrollment-firefox-'));
    const browser = await launchFirefox(extensionDir, profile, { viewport: { width: 1280, height: 800 } });
    const popupPage = await findExtensionPage(browser, 'popup.html');
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
