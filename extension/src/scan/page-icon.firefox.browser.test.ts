import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { VAULT_PASSWORD } from '../../test-support/backup-accounts.ts';
import {
  clickBehind,
  launchFirefox,
  reloadExtensionPage,
  setUpFirefoxVault,
} from '../../test-support/firefox-extension.ts';
import {
  ICON_ISSUER,
  type IconPageServer,
  offIconColour,
  PLAIN_ISSUER,
  rowPicture,
  SHOWN_ICON,
  startIconPageServer,
} from '../../test-support/icon-pages.ts';

// Scanning a page in real Firefox ESR: the test build opens its popup page in a tab (WebDriver may
// not open extension pages) and is pressed from behind while the page to scan is in front. The
// account takes the site's favicon as Firefox already holds it, kept in the vault; a page without
// one gives the letter avatar.

describe.skipIf(!browserAvailable(FIREFOX))('the site icon of a scanned account in Firefox', () => {
  let server: IconPageServer;
  let profile: string;
  let browser: Browser;
  let popup: Page;
  const picture = async (issuer: string) => JSON.parse(String(await popup.evaluate(rowPicture(issuer))));

  async function scanAndAdd(path: string, issuer: string, beforeScan?: () => Promise<void>) {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${path}`);
    await beforeScan?.();
    await page.bringToFront();
    await clickBehind(popup, 'Scan whole page');
    await popup.waitForSelector('::-p-text(Add this account?)');
    await clickBehind(popup, 'Add', '.scan-result');
    await popup.waitForSelector(`.issuer::-p-text(${issuer})`);
    await page.close();
  }

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    server = await startIconPageServer();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-site-icon-firefox-'));
    browser = await launchFirefox(extensionDir, profile);
    popup = await setUpFirefoxVault(browser, VAULT_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows the favicon of the page an account was scanned on, and still after reopening and unlocking', async () => {
    // Firefox loads the favicon itself; the scan then reads that copy and asks the site for nothing.
    let before = 0;
    await scanAndAdd('/with-icon', ICON_ISSUER, async () => {
      await expect.poll(server.iconRequests).toBeGreaterThan(0);
      before = server.iconRequests();
    });
    // Polled: the row's picture decodes after the row is drawn.
    await expect.poll(() => picture(ICON_ISSUER)).toMatchObject(SHOWN_ICON);
    expect(offIconColour((await picture(ICON_ISSUER)).rgb)).toBeLessThan(8);
    expect(server.iconRequests()).toBe(before);

    await reloadExtensionPage(popup, 'li.account');
    await expect.poll(() => picture(ICON_ISSUER)).toMatchObject(SHOWN_ICON);
    await clickBehind(popup, 'Lock now');
    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await clickBehind(popup, 'Unlock');
    await popup.waitForSelector(`.issuer::-p-text(${ICON_ISSUER})`);
    await expect.poll(() => picture(ICON_ISSUER)).toMatchObject(SHOWN_ICON);
    expect(server.iconRequests()).toBe(before);
  });

  it('shows the letter avatar for an account scanned on a page without a favicon', async () => {
    await scanAndAdd('/no-icon', PLAIN_ISSUER);
    await expect.poll(() => picture(PLAIN_ISSUER)).toEqual({ letter: 'P' });
  });
});
