import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { FILL_LABEL, fillCodesNow, fillScreenshot } from '../../../test-support/fill-codes.ts';
import {
  addByHandInFirefox,
  launchFirefox,
  setUpFirefoxVault,
} from '../../../test-support/firefox-extension.ts';
import {
  FORM_KINDS,
  type FormKind,
  heardFor,
  type SignInPages,
  startSignInPages,
} from '../../../test-support/sign-in-pages.ts';
import { NO_FIELD_MESSAGE } from '../../fill/fill-page.ts';

// The popup's Fill button on pages that mimic real sign-in forms, in Firefox ESR's test build: its
// popup page is a tab of its own (WebDriver cannot press the toolbar button), clicked while the
// form's tab stays in front, as the toolbar popup would be.

function reporter(page: Page, kind: FormKind): Frame {
  if (kind !== 'cross-origin-iframe') return page.mainFrame();
  const frame = page.frames().find((f) => f.url().endsWith('/framed-code'));
  if (!frame) throw new Error('the cross-origin frame did not load');
  return frame;
}

async function heard(page: Page, kind: FormKind): Promise<string> {
  const frame = reporter(page, kind);
  await frame.waitForFunction(() => /\d/.test(document.getElementById('heard')?.textContent ?? ''));
  return frame.$eval('#heard', (output) => output.textContent ?? '');
}

describe.skipIf(!browserAvailable(FIREFOX))('filling the code in Firefox', () => {
  let pages: SignInPages;
  let profile: string;
  let browser: Browser;
  let popup: Page;
  let page: Page;

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    pages = await startSignInPages();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-fill-firefox-'));
    browser = await launchFirefox(extensionDir, profile);
    popup = await setUpFirefoxVault(browser, VAULT_PASSWORD);
    for (const account of BACKUP_TEST_ACCOUNTS) await addByHandInFirefox(popup, account);
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function fillOn(kind: FormKind | 'no-field'): Promise<void> {
    await page.goto(`${pages.origin}/${kind}`);
    await page.bringToFront();
    const button = await popup.waitForSelector(`button[aria-label="Fill code for ${FILL_LABEL}"]`);
    await button?.evaluate((element) => (element as HTMLButtonElement).click());
  }

  it.each(FORM_KINDS)('fills the %s form so that its own handler sees the whole code', async (kind) => {
    await fillOn(kind);
    const seen = await heard(page, kind);
    expect(fillCodesNow().map((code) => heardFor(kind, code))).toContain(seen);
    if (kind === 'six-boxes') {
      await (await popup.$('main'))?.screenshot({ path: fillScreenshot('flow-firefox-14-fill-button') });
      await page.screenshot({ path: fillScreenshot('flow-firefox-15-code-filled') });
    }
  });

  // The popup page in a tab stays open while the user moves between pages: it follows the page in front.
  it('lists the account filled on a site first, with its badge, in the popup tab', async () => {
    const [, other] = BACKUP_TEST_ACCOUNTS;
    await page.goto(`${pages.frameOrigin}/framed-code`);
    await page.bringToFront();
    const label = `Fill code for ${other.issuer} (${other.account})`;
    const button = await popup.waitForSelector(`button[aria-label="${label}"]`);
    await button?.evaluate((element) => (element as HTMLButtonElement).click());
    await page.waitForFunction(() => /\d{8}/.test(document.getElementById('heard')?.textContent ?? ''));
    await popup.waitForFunction(
      (name) => {
        const first = document.querySelector('li.account');
        return first?.classList.contains('this-site') && first.querySelector('.name')?.textContent === name;
      },
      {},
      other.account,
    );
  });

  it('says so when the page has no code field, and fills nothing', async () => {
    await fillOn('no-field');
    await popup.waitForSelector(`::-p-text(${NO_FIELD_MESSAGE})`);
    const values = await page.$$eval('input', (inputs) => inputs.map((input) => input.value));
    expect(values).toEqual(['', '']);
  });
});
