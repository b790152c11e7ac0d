import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { READ_CODES, VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { insideOnePeriod } from '../../../test-support/backup-codes.ts';
import { ENTE_PASSWORD, otpauthRows, writeEnteExport } from '../../../test-support/ente-browser-file.ts';
import {
  findExtensionPage,
  launchFirefox,
  setUpFirefoxVault,
} from '../../../test-support/firefox-extension.ts';

// The test build in Firefox ESR, whose extension pages allow WebAssembly only through the manifest's
// 'wasm-unsafe-eval'. WebDriver may not open moz-extension:// pages, so the transfer page is reached
// from the popup's "Backup & transfer" button, and its Import screen through the address's hash.
describe.skipIf(!browserAvailable(FIREFOX))('importing an encrypted Ente Auth export in Firefox', () => {
  let extensionDir: string;
  let root: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    extensionDir = await buildExtension('firefox', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-ente-firefox-'));
  }, 5 * 60_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(
    'refuses the wrong password without importing, then imports every account with the codes Ente shows',
    async () => {
      const file = join(root, 'ente-auth-codes-2026-12-03.txt');
      await writeEnteExport(file);
      const profile = join(root, 'profile');
      await mkdir(profile);
      browser = await launchFirefox(extensionDir, profile);
      const popup = await setUpFirefoxVault(browser, VAULT_PASSWORD);
      await popup.locator('button::-p-text(Backup & transfer)').click();
      const page = await findExtensionPage(browser, 'transfer.html');
      await page.bringToFront();
      await page.evaluate(() => {
        location.hash = '#import';
      });
      const input = (await page.waitForSelector('input[type="file"]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      await page.locator('button::-p-text(Preview import)').click();

      const long = { timeout: 5 * 60_000 };
      await page.locator('input[name="password"]').fill('not the export password');
      await page.locator('button::-p-text(Continue)').click();
      const alert = await page.waitForSelector(
        '[role="alert"]::-p-text(does not open this Ente Auth export)',
        long,
      );
      await expect(alert?.evaluate((node) => node.textContent)).resolves.toMatch(/Nothing was imported\.$/);
      await expect(popup.evaluate(READ_CODES)).resolves.toEqual([]);

      await page.locator('input[name="password"]').fill(ENTE_PASSWORD);
      await page.locator('button::-p-text(Continue)').click();
      await page.waitForSelector('::-p-text(2 accounts found)', long);
      await page.locator('button::-p-text(Import 2 accounts)').click();
      await page.waitForSelector('::-p-text(Import complete)');

      await popup.waitForSelector('.name::-p-text(ben)');
      const [rows, expected] = await insideOnePeriod(async () => [
        (await popup.evaluate(READ_CODES)) as string[],
        otpauthRows(Date.now()),
      ]);
      expect(rows).toEqual(expected);
    },
    15 * 60_000,
  );
});
