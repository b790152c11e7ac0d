import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import {
  addByHandInFirefox,
  launchFirefox,
  reloadExtensionPage,
  setUpFirefoxVault,
} from '../../../test-support/firefox-extension.ts';
import { ROW_ORDER } from '../../../test-support/popup-details.ts';
import {
  ANNOUNCED,
  dragPoints,
  FOCUSED_NAME,
  HANDLE_NAMES,
  REORDER_ACCOUNTS,
} from '../../../test-support/reorder-rows.ts';

// Dragging rows of the real popup with the mouse in Firefox ESR: the test build opens its popup
// page in a tab (WebDriver may not open extension pages); reopening it is a reload of that page.

const json = async (page: Page, expression: string) => JSON.parse(String(await page.evaluate(expression)));
const click = (page: Page, text: string) => page.locator(`button::-p-text(${text})`).click();

/** Reopens the popup page: a reload of that page, once its rows can be dragged again. */
const reopen = (popup: Page) => reloadExtensionPage(popup, '.drag-handle');

async function dragRow(popup: Page, from: string, onto: string, side: 'above' | 'below') {
  const points = await json(popup, dragPoints(from, onto, side));
  await popup.mouse.move(points.from.x, points.from.y);
  await popup.mouse.down();
  await popup.mouse.move(points.to.x, points.to.y, { steps: 8 });
  await popup.mouse.up();
}

describe.skipIf(!browserAvailable(FIREFOX))('reordering the popup list by drag in Firefox', () => {
  let profile: string;
  let browser: Browser;
  let popup: Page;
  const order = () => json(popup, ROW_ORDER);

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-reorder-firefox-'));
    browser = await launchFirefox(extensionDir, profile, { viewport: { width: 360, height: 600 } });
    popup = await setUpFirefoxVault(browser, VAULT_PASSWORD);
    for (const account of REORDER_ACCOUNTS) await addByHandInFirefox(popup, account);
  });

  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('drags a row above another, and the order is still there after reopening the popup and unlocking', async () => {
    expect(await order()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(await json(popup, HANDLE_NAMES)).toEqual([
      'Move Alpha (alpha)',
      'Move Beta (beta)',
      'Move Gamma (gamma)',
    ]);
    await dragRow(popup, 'Gamma', 'Alpha', 'above');
    await expect.poll(order).toEqual(['Gamma', 'Alpha', 'Beta']);
    await dragRow(popup, 'Alpha', 'Beta', 'below');
    await expect.poll(order).toEqual(['Gamma', 'Beta', 'Alpha']);
    await reopen(popup);
    expect(await order()).toEqual(['Gamma', 'Beta', 'Alpha']);
    await click(popup, 'Lock now');
    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await click(popup, 'Unlock');
    await popup.waitForSelector('.drag-handle');
    expect(await order()).toEqual(['Gamma', 'Beta', 'Alpha']);
  });

  it('keeps pinned accounts above the others, and moves a row with Alt+ArrowUp and Alt+ArrowDown', async () => {
    await popup.locator('button[aria-label="Edit Alpha (alpha)"]').click();
    await popup.locator('label.checkbox input').click();
    await click(popup, 'Save');
    await popup.waitForSelector('li.account.pinned');
    expect(await order()).toEqual(['pinned Alpha', 'Gamma', 'Beta']);
    await dragRow(popup, 'Beta', 'Alpha', 'above');
    await expect.poll(order).toEqual(['pinned Alpha', 'Beta', 'Gamma']);

    await popup.focus('button[aria-label="Move Beta (beta)"]');
    await popup.keyboard.down('Alt');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.up('Alt');
    await expect.poll(order).toEqual(['pinned Alpha', 'Gamma', 'Beta']);
    await expect.poll(() => popup.evaluate(ANNOUNCED)).toBe('Beta (beta): position 3 of 3');
    expect(await popup.evaluate(FOCUSED_NAME)).toBe('Move Beta (beta)');
    await reopen(popup);
    expect(await order()).toEqual(['pinned Alpha', 'Gamma', 'Beta']);
  });
});
