import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../../../shared/index.ts';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { clickBehind, findExtensionPage, launchFirefox } from '../../../test-support/firefox-extension.ts';
import {
  QR_BOX,
  type QrPageServer,
  startQrPageServer,
  TEST_ACCOUNT,
  TEST_SECRET_BASE32,
} from '../../../test-support/qr-page.ts';

const PASSWORD = 'correct horse battery';
const secret = base32Decode(TEST_SECRET_BASE32);

function expectedCodes(): string[] {
  const now = Date.now();
  return [now - 2000, now, now + 2000].map((time) => totp({ secret, time }));
}

function launch(profile: string, extensionDir: string): Promise<Browser> {
  return launchFirefox(extensionDir, profile, {
    prefs: {
      // WebDriver installs the extension as a temporary add-on, which Firefox removes at shutdown;
      // keeping its storage and internal id makes the reinstall after a restart behave like a
      // permanently installed add-on, whose storage.local survives restarts.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
    },
  });
}

/** The test variant opens its popup page in a tab on install; WebDriver may not navigate there itself. */
const findPopup = (browser: Browser) => findExtensionPage(browser, 'popup.html');

async function click(page: Page, text: string): Promise<void> {
  await page.locator(`button::-p-text(${text})`).click();
}

async function shownCode(popup: Page): Promise<string> {
  const text = await popup.$eval('[data-testid="code"]', (el) => el.textContent ?? '');
  return text.replace(/\s/g, '');
}

describe.skipIf(!browserAvailable(FIREFOX))('the extension in Firefox', () => {
  let server: QrPageServer;
  let extensionDir: string;
  let profile: string;

  beforeAll(async () => {
    extensionDir = await buildExtension('firefox', true);
    server = await startQrPageServer();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-firefox-'));
  });

  afterAll(async () => {
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('sets a password, scans by selection and whole page, shows the right code, copies it and clears it 30 s later, locks, and stays locked after a restart', async () => {
    let browser = await launch(profile, extensionDir);
    try {
      let popup = await findPopup(browser);
      // The strength hint comes from the rating worker of the installed build. Once typing has
      // begun, the button below stays put whichever sentence the hint shows.
      const buttonTop = async () =>
        (await (await popup.waitForSelector('button::-p-text(Set password)'))?.boundingBox())?.y;
      await popup.locator('input[name="password"]').fill('short');
      await popup.waitForSelector('[data-testid="password-hint"].too-short');
      const steadyTop = await buttonTop();
      await popup.locator('input[name="password"]').fill('password1234');
      await popup.waitForSelector('::-p-text(Weak: it is a well-known password)');
      expect(await buttonTop()).toBe(steadyTop);
      await popup.locator('input[name="password"]').fill(PASSWORD);
      await popup.waitForSelector('[data-testid="password-hint"].strong, [data-testid="password-hint"].fair');
      expect(await buttonTop()).toBe(steadyTop);
      await popup.locator('input[name="confirm"]').fill(PASSWORD);
      await click(popup, 'Set password');
      await popup.waitForSelector('::-p-text(No accounts yet)');

      const page = await browser.newPage();
      await page.goto(`${server.origin}/enrol`);

      await page.bringToFront();
      await clickBehind(popup, 'Scan QR code');
      await page.waitForSelector('#two-factor-authenticator-selection');
      // The page's own scripts find the overlay's host but not its closed shadow root.
      const shadowRoot = await page.evaluate(
        () => document.getElementById('two-factor-authenticator-selection')?.shadowRoot,
      );
      expect(shadowRoot).toBeNull();
      await page.mouse.move(QR_BOX.x - 12, QR_BOX.y - 12);
      await page.mouse.down();
      await page.mouse.move(QR_BOX.x + QR_BOX.size / 2, QR_BOX.y + QR_BOX.size / 2, { steps: 4 });
      await page.mouse.move(QR_BOX.x + QR_BOX.size + 12, QR_BOX.y + QR_BOX.size + 12, { steps: 4 });
      await page.mouse.up();
      await popup.waitForSelector('::-p-text(Add this account?)');
      await popup.locator('.scan-result button::-p-text(Add)').click();
      await popup.waitForSelector('[data-testid="code"]');
      await popup.waitForSelector(`.name::-p-text(${TEST_ACCOUNT})`);
      expect(expectedCodes()).toContain(await shownCode(popup));

      await page.bringToFront();
      await clickBehind(popup, 'Scan whole page');
      await popup.waitForSelector('::-p-text(is already in your list)');
      await clickBehind(popup, 'Replace');
      await popup.waitForSelector('.scan-result', { hidden: true });
      expect(await popup.$$eval('[data-testid="code"]', (codes) => codes.length)).toBe(1);

      await popup.bringToFront();
      await popup.locator('button.code-button').click();
      const copiedAt = Date.now();
      await popup.waitForSelector('::-p-text(Copied)');
      await page.bringToFront();
      await page.locator('#code').click();
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
      expect(expectedCodes()).toContain(
        await page.$eval('#code', (input) => (input as HTMLInputElement).value),
      );

      // 30 s after the copy the background page empties the clipboard.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, copiedAt + 32_000 - Date.now())));
      await page.$eval('#code', (input) => {
        (input as HTMLInputElement).value = '';
      });
      await page.locator('#code').click();
      await page.keyboard.down('Control');
      await page.keyboard.press('v');
      await page.keyboard.up('Control');
      expect(await page.$eval('#code', (input) => (input as HTMLInputElement).value)).toBe('');

      await popup.bringToFront();
      await click(popup, 'Lock now');
      await popup.locator('input[name="password"]').fill('not the password');
      await click(popup, 'Unlock');
      await popup.waitForSelector('::-p-text(Wrong password. Nothing was changed)');
      await popup.locator('input[name="password"]').fill(PASSWORD);
      await click(popup, 'Unlock');
      await popup.waitForSelector('[data-testid="code"]');

      await browser.close();
      browser = await launch(profile, extensionDir);
      popup = await findPopup(browser);
      await popup.waitForSelector('::-p-text(Locked)');
      await popup.locator('input[name="password"]').fill(PASSWORD);
      await click(popup, 'Unlock');
      await popup.waitForSelector('[data-testid="code"]');
      expect(expectedCodes()).toContain(await shownCode(popup));
    } finally {
      await browser.close();
    }
  });
});
