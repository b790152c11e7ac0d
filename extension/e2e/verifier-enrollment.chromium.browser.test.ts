import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildExtension } from '../build/targets.ts';
import { CHROMIUM } from '../test-support/browsers.ts';
import { describeEnrollmentScenario } from '../test-support/enrollment-scenario.ts';
import { playwrightTab } from '../test-support/playwright-tab.ts';
import { Tab } from '../test-support/scenario-tab.ts';

// The verifier enrolment story in Chromium, driven with Playwright; the steps are shared with Firefox.
describeEnrollmentScenario({
  name: 'chromium',
  executable: CHROMIUM,
  async launch() {
    const extensionDir = await buildExtension('chrome', true);
    const profile = await mkdtemp(join(tmpdir(), 'enrollment-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--no-sandbox',
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--window-size=1280,900',
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const popupPage = await context.newPage();
    await popupPage.goto(`chrome-extension://${new URL(worker.url()).host}/extension/popup.html?tab-mode=1`);
    const page = await context.newPage();
    return {
      popup: new Tab(playwrightTab(popupPage)),
      page: new Tab(playwrightTab(page)),
      async close() {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  },
});
