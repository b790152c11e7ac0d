import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS } from '../../../test-support/backup-accounts.ts';
import { addByHand, freshInstall } from '../../../test-support/chromium-extension.ts';
import { FILL_LABEL, fillCodesNow, fillScreenshot } from '../../../test-support/fill-codes.ts';
import {
  FORM_KINDS,
  type FormKind,
  heardFor,
  type SignInPages,
  startSignInPages,
} from '../../../test-support/sign-in-pages.ts';
import { NO_FIELD_MESSAGE } from '../../fill/fill-page.ts';

// The popup's Fill button on pages that mimic real sign-in forms, in the test build (the published
// build's activeTab path is in extension/e2e/published-build.chromium.browser.test.ts).

/** The frame whose handler reports: the page itself, or the cross-origin frame inside it. */
function reporter(page: Page, kind: FormKind): Frame {
  if (kind !== 'cross-origin-iframe') return page.mainFrame();
  const frame = page.frames().find((f) => f.url().endsWith('/framed-code'));
  if (!frame) throw new Error('the cross-origin frame did not load');
  return frame;
}

async function heard(page: Page, kind: FormKind): Promise<string> {
  const output = reporter(page, kind).locator('#heard');
  await output.filter({ hasText: /\d/ }).waitFor();
  return (await output.textContent()) ?? '';
}

describe.skipIf(!browserAvailable(CHROMIUM))('filling the code in Chromium', () => {
  let pages: SignInPages;
  let extensionDir: string;
  let profile: string;
  let context: BrowserContext;
  let popup: Page;
  let page: Page;

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    pages = await startSignInPages();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-fill-chromium-'));
    ({ context, popup } = await freshInstall(extensionDir, profile));
    for (const account of BACKUP_TEST_ACCOUNTS) await addByHand(popup, account);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await pages?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  /** Opens the form, then the popup on it (the popup page in a tab aims at the tab used last). */
  async function fillOn(kind: FormKind | 'no-field'): Promise<void> {
    await page.goto(`${pages.origin}/${kind}`);
    await page.locator('#heard').waitFor({ state: 'attached' });
    await popup.reload();
    await popup.getByRole('button', { name: `Fill code for ${FILL_LABEL}` }).click();
  }

  it.each(FORM_KINDS)('fills the %s form so that its own handler sees the whole code', async (kind) => {
    await fillOn(kind);
    const seen = await heard(page, kind);
    expect(fillCodesNow().map((code) => heardFor(kind, code))).toContain(seen);
    if (kind === 'six-boxes') {
      await (await popup.$('main'))?.screenshot({ path: fillScreenshot('flow-chromium-14-fill-button') });
      await page.screenshot({ path: fillScreenshot('flow-chromium-15-code-filled') });
    }
  });

  it('links the account to the site on its first fill and lists it first there, marked', async () => {
    await page.goto(`${pages.origin}/one-time-code`);
    await popup.reload();
    const first = popup.locator('li.account').first();
    await expect(first.locator('.issuer').textContent()).resolves.toBe(BACKUP_TEST_ACCOUNTS[0].issuer);
    await expect(first.locator('.site-badge').textContent()).resolves.toBe('This site');
    await expect(popup.locator('li.account .site-badge').count()).resolves.toBe(1);
  });

  it('says so when the page has no code field, and fills nothing', async () => {
    await fillOn('no-field');
    await popup.getByText(NO_FIELD_MESSAGE).waitFor();
    const values = await page.$$eval('input', (inputs) => inputs.map((input) => input.value));
    expect(values).toEqual(['', '']);
  });
});
