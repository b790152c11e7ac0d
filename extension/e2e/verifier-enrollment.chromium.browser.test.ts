import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { extensionId, launch, popupUrl } from '../test-support/chromium-extension.ts';
import { describeEnrollmentScenario } from './support/enrollment-scenario.ts';
import { playwrightTab } from './support/playwright-tab.ts';
import { Tab } from './support/scenario-tab.ts';

// The verifier enrolment story in Chromium, driven with Playwright; the steps are shared with Firefox.
describeEnrollmentScenario({
  name: 'chromium',
  executable: CHROMIUM,
  async launch() {
    const extensionDir = await buildExtension('chrome', true);
    const profile = await mkdtemp(join(tmpdir(), 'enrollment-chromium-'));
    const context = await launch(extensionDir, profile, {
      viewport: { width: 1280, height: 800 },
      args: ['--window-size=1280,900'],
    });
    const id = await extensionId(context);
    const popupPage = await context.newPage();
    await popupPage.goto(popupUrl(id, '?tab-mode=1'));
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
