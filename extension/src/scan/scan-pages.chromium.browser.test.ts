import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { extensionId, launch, popupUrl } from '../../test-support/chromium-extension.ts';
import { type ScanPageServer, startScanPageServer } from '../../test-support/scan-pages.ts';
import { runScanPages, type ScanDriver, tallyLine } from '../../test-support/scan-scenarios.ts';

const RESULT = 'section[aria-label="Scan result"], main > p.error';

/** The popup in a tab of its own (it stays open during a drag) and the page tab it scans. */
function driverFor(popup: Page, page: Page): ScanDriver {
  const result = async () => {
    await popup.locator(RESULT).first().waitFor();
    return (await popup.locator(RESULT).first().textContent()) ?? '';
  };
  return {
    async open(url) {
      await page.goto(url);
      await page.bringToFront();
    },
    async scanWholePage() {
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan whole page' }).click();
      return result();
    },
    async startDrag() {
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan QR code' }).click();
      return result();
    },
    async drag(rect) {
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan QR code' }).click();
      await page.locator('#two-factor-authenticator-selection').waitFor();
      await page.mouse.move(rect.x, rect.y);
      await page.mouse.down();
      await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 3 });
      await page.mouse.move(rect.x + rect.width, rect.y + rect.height, { steps: 3 });
      await page.mouse.up();
      return result();
    },
    async dismiss() {
      const region = popup.getByRole('region', { name: 'Scan result' });
      if ((await region.count()) === 0) return;
      await region.getByRole('button', { name: /^(OK|Cancel)$/ }).click();
      await region.waitFor({ state: 'detached' });
    },
    popupText: async () => (await popup.locator('main').textContent()) ?? '',
  };
}

describe.skipIf(!browserAvailable(CHROMIUM))('scanning generated enrolment pages in Chromium', () => {
  let server: ScanPageServer;
  let extensionDir: string;

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    server = await startScanPageServer();
  });
  afterAll(() => server?.close());

  for (const scale of [1, 2]) {
    it(`finds every setup code at device pixel ratio ${scale}, by whole page and by drag${scale === 1 ? ', and explains browser pages it cannot capture' : ''}`, async () => {
      const profile = await mkdtemp(join(tmpdir(), `authenticator-scan-pages-${scale}x-`));
      const context = await launch(extensionDir, profile, {
        viewport: null,
        args: ['--window-size=1280,800', `--force-device-scale-factor=${scale}`],
      });
      try {
        const id = await extensionId(context);
        const page = await context.newPage();
        const popup = await context.newPage();
        await popup.goto(popupUrl(id));
        await popup.getByRole('button', { name: 'Continue without a password…' }).click();
        await popup.getByRole('button', { name: 'I understand, use without a password' }).click();
        await popup.getByText('No accounts yet').waitFor();
        const driver = driverFor(popup, page);

        const tally = await runScanPages(driver, server.origin);
        console.log(tallyLine('Chromium', scale, tally));
        expect(tally.wholePage.failed).toEqual([]);
        expect(tally.drag.failed).toEqual([]);
        if (scale !== 1) return;

        await driver.open('chrome://version');
        const restricted = await driver.scanWholePage();
        expect(restricted).toContain('cannot be captured');
        expect(restricted).toContain('Add manually');
        expect(restricted).not.toMatch(/chrome:\/\/|Cannot access|permission/i);
        expect(await driver.startDrag()).toContain('cannot be captured');
        // On a normal page the sentence no longer applies and is gone.
        await driver.open(`${server.origin}/single-200`);
        await expect.poll(() => driver.popupText()).not.toContain('cannot be captured');
      } finally {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      }
    });
  }
});
