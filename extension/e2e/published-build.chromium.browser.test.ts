import type { Browser, Extension, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../shared/index.ts';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { frameNotice } from '../src/fill/frame-access.ts';
import { VAULT_PASSWORD } from '../test-support/backup-accounts.ts';
import {
  clickText,
  clickToolbarButton,
  launchPublished,
  reopenedPopup,
} from '../test-support/published-chromium.ts';
import {
  QR_BOX,
  type QrPageServer,
  startQrPageServer,
  TEST_ACCOUNT,
  TEST_ISSUER,
  TEST_SECRET_BASE32,
} from '../test-support/qr-page.ts';
import {
  FORM_KINDS,
  type FormKind,
  heardFor,
  type SignInPages,
  startSignInPages,
} from '../test-support/sign-in-pages.ts';

// The core scenario with the build users install (`npm run build:extension`'s dist/chrome: activeTab,
// no host permissions), every step from a press of the toolbar button as a user makes it. Firefox ESR
// has no such path: its WebDriver cannot press the toolbar button, and no key press sent to it reached
// an extension shortcut (published-shortcuts.chromium.browser.test.ts says what was tried), so
// src/pages/popup/fill.firefox.browser.test.ts runs the test build.

const secret = base32Decode(TEST_SECRET_BASE32);
const LABEL = `${TEST_ISSUER} (${TEST_ACCOUNT})`;

function codesNow(): string[] {
  const now = Date.now();
  return [now - 30_000, now, now + 30_000].map((time) => totp({ secret, time }));
}

async function heard(page: Page, kind: FormKind): Promise<string> {
  const frame =
    kind === 'cross-origin-iframe'
      ? page.frames().find((f) => f.url().endsWith('/framed-code'))
      : page.mainFrame();
  if (!frame) throw new Error('the cross-origin frame did not load');
  await frame.waitForFunction(() => /\d/.test(document.getElementById('heard')?.textContent ?? ''));
  return frame.$eval('#heard', (output) => output.textContent ?? '');
}

describe.skipIf(!browserAvailable(CHROMIUM))('the published build in Chromium', () => {
  let server: QrPageServer;
  let pages: SignInPages;
  let browser: Browser;
  let extension: Extension;
  let page: Page;

  beforeAll(async () => {
    const dir = await buildExtension('chrome');
    server = await startQrPageServer();
    pages = await startSignInPages();
    ({ browser, extension } = await launchPublished(dir));
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await pages?.close();
  });

  it('sets the password, scans by selection and the whole page and copies, all through the toolbar button', async () => {
    await page.goto(`${server.origin}/enrol`);
    let popup = await clickToolbarButton(browser, page, extension);
    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await popup.locator('input[name="confirm"]').fill(VAULT_PASSWORD);
    await clickText(popup, 'Set password');
    await popup.waitForSelector('::-p-text(No accounts yet)');

    // Scan QR code: the popup closes, the user drags on the page, the popup comes back with the result.
    await clickText(popup, 'Scan QR code');
    await page.waitForSelector('#two-factor-authenticator-selection');
    const reopening = reopenedPopup(browser);
    await page.mouse.move(QR_BOX.x - 12, QR_BOX.y - 12);
    await page.mouse.down();
    await page.mouse.move(QR_BOX.x + QR_BOX.size / 2, QR_BOX.y + QR_BOX.size / 2, { steps: 4 });
    await page.mouse.move(QR_BOX.x + QR_BOX.size + 12, QR_BOX.y + QR_BOX.size + 12, { steps: 4 });
    await page.mouse.up();
    popup = await reopening;
    await popup.waitForSelector('::-p-text(Add this account?)');
    await popup.locator('.scan-result button::-p-text(Add)').click();
    await popup.waitForSelector(`.name::-p-text(${TEST_ACCOUNT})`);

    // Scan whole page, from a fresh click: the same account, offered to replace.
    await popup.close();
    popup = await clickToolbarButton(browser, page, extension);
    await clickText(popup, 'Scan whole page');
    await popup.waitForSelector('::-p-text(is already in your list)');
    await clickText(popup, 'Replace');
    await popup.waitForSelector('.scan-result', { hidden: true });
    expect(await popup.$$eval('[data-testid="code"]', (codes) => codes.length)).toBe(1);
    // Scanned on this page, so listed as this site's account.
    await popup.waitForSelector('li.account.this-site');

    await popup.locator('button.code-button').click();
    await popup.waitForSelector('::-p-text(Copied)');
    await popup.close();
    await page.locator('#code').click();
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    expect(codesNow()).toContain(await page.$eval('#code', (input) => (input as HTMLInputElement).value));
  });

  it.each(FORM_KINDS.filter((kind) => kind !== 'cross-origin-iframe'))(
    'fills the %s form from the toolbar popup’s Fill button',
    async (kind) => {
      await page.goto(pages.url(kind));
      const popup = await clickToolbarButton(browser, page, extension);
      const closed = new Promise((resolve) => popup.once('close', resolve));
      await popup.locator(`button[aria-label="Fill code for ${LABEL}"]`).click();
      // A fill that worked closes the popup, as the code is where the user needs it.
      await closed;
      expect(codesNow().map((code) => heardFor(kind, code))).toContain(await heard(page, kind));
    },
  );

  // activeTab grants the tab's own origin only: a frame from another origin is out of reach without a
  // host permission. The popup names the frame's site, offers to allow it, and has put the code on the
  // clipboard, so pasting it into the field is the way that always works. Allow itself is not pressed
  // to the end here: it opens Chromium's permission prompt, which no automation interface answers
  // (the toolbar popup closes as the prompt opens); with the site allowed, Fill reaches the frame as
  // in the test build.
  it('names the cross-origin frame it cannot reach, copies the code, and the pasted code reaches the page', async () => {
    await page.goto(pages.url('cross-origin-iframe'));
    // The clipboard first holds something else (the earlier copy left a code there).
    await page.evaluate(() => {
      const heading = document.querySelector('h1');
      if (heading) getSelection()?.selectAllChildren(heading);
    });
    await page.keyboard.down('Control');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    const popup = await clickToolbarButton(browser, page, extension);
    await popup.locator(`button[aria-label="Fill code for ${LABEL}"]`).click();
    await popup.waitForSelector(`::-p-text(${frameNotice(pages.frameOrigin, true)})`);
    await popup.waitForSelector(`button::-p-text(Allow ${new URL(pages.frameOrigin).host})`);
    const frame = page.frames().find((f) => f.url().endsWith('/framed-code'));
    if (!frame) throw new Error('the cross-origin frame did not load');
    expect(await frame.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
    await popup.close();
    await (await frame.$('#otp'))?.click();
    await page.keyboard.down('Control');
    await page.keyboard.press('v');
    await page.keyboard.up('Control');
    expect(codesNow()).toContain(await heard(page, 'cross-origin-iframe'));
  });
});
