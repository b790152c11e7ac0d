import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { axeViolations } from '../../../test-support/axe.ts';
import { VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { addByHand, freshInstall, popupUrl } from '../../../test-support/chromium-extension.ts';
import { ROW_ORDER } from '../../../test-support/popup-details.ts';
import {
  ANNOUNCED,
  dragPoints,
  FOCUSED_NAME,
  HANDLE_NAMES,
  REORDER_ACCOUNTS,
} from '../../../test-support/reorder-rows.ts';

// Dragging rows of the real popup with the mouse in Chromium (the test build's popup page in a
// tab), the order read back after the popup is closed, reopened and unlocked again.

const json = async (popup: Page, expression: string) => JSON.parse(String(await popup.evaluate(expression)));

async function dragRow(popup: Page, from: string, onto: string, side: 'above' | 'below') {
  const points = await json(popup, dragPoints(from, onto, side));
  await popup.mouse.move(points.from.x, points.from.y);
  await popup.mouse.down();
  await popup.mouse.move(points.to.x, points.to.y, { steps: 8 });
  await popup.mouse.up();
}

describe.skipIf(!browserAvailable(CHROMIUM))('reordering the popup list by drag in Chromium', () => {
  let profile: string;
  let context: BrowserContext;
  let popup: Page;
  let id: string;

  const order = () => json(popup, ROW_ORDER);
  const reopen = async () => {
    await popup.close();
    popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(popupUrl(id));
  };

  beforeAll(async () => {
    const extensionDir = await buildExtension('chrome', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-reorder-'));
    ({ context, popup, id } = await freshInstall(extensionDir, profile));
    await popup.setViewportSize({ width: 360, height: 600 });
    for (const account of REORDER_ACCOUNTS) await addByHand(popup, account);
  });

  afterAll(async () => {
    await context?.close();
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
    await dragRow(popup, 'Gamma', 'Beta', 'below');
    await expect.poll(order).toEqual(['Alpha', 'Beta', 'Gamma']);
    await dragRow(popup, 'Alpha', 'Beta', 'below');
    await expect.poll(order).toEqual(['Beta', 'Alpha', 'Gamma']);
    await reopen();
    await popup.getByRole('button', { name: 'Lock now' }).waitFor();
    expect(await order()).toEqual(['Beta', 'Alpha', 'Gamma']);
    await popup.getByRole('button', { name: 'Lock now' }).click();
    await popup.getByLabel('Password').fill(VAULT_PASSWORD);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('button', { name: 'Lock now' }).waitFor();
    expect(await order()).toEqual(['Beta', 'Alpha', 'Gamma']);
    expect(await axeViolations((expression) => popup.evaluate(expression))).toEqual([]);
  });

  it('keeps pinned accounts above the others: a drop across stops at the border between them', async () => {
    await popup.getByRole('button', { name: 'Edit Gamma (gamma)' }).click();
    await popup.getByLabel('Pin to top').check();
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(order).toEqual(['pinned Gamma', 'Beta', 'Alpha']);
    // Dropped above the pinned one, Alpha goes only to the top of the others.
    await dragRow(popup, 'Alpha', 'Gamma', 'above');
    await expect.poll(order).toEqual(['pinned Gamma', 'Alpha', 'Beta']);
    // Dropped below the others, the pinned one stays the last of the pinned.
    await dragRow(popup, 'Gamma', 'Beta', 'below');
    expect(await order()).toEqual(['pinned Gamma', 'Alpha', 'Beta']);
    await popup.getByRole('button', { name: 'Edit Beta (beta)' }).click();
    await popup.getByLabel('Pin to top').check();
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(order).toEqual(['pinned Gamma', 'pinned Beta', 'Alpha']);
    await dragRow(popup, 'Beta', 'Gamma', 'above');
    await expect.poll(order).toEqual(['pinned Beta', 'pinned Gamma', 'Alpha']);
  });

  it('moves the focused handle’s row with Alt+ArrowUp and Alt+ArrowDown and says where it is now', async () => {
    await popup.getByRole('button', { name: 'Move Beta (beta)' }).focus();
    await popup.keyboard.press('Alt+ArrowDown');
    await expect.poll(order).toEqual(['pinned Gamma', 'pinned Beta', 'Alpha']);
    await expect.poll(() => popup.evaluate(ANNOUNCED)).toBe('Beta (beta): position 2 of 3');
    expect(await popup.evaluate(FOCUSED_NAME)).toBe('Move Beta (beta)');
    // The last of the pinned goes no further down; the announcement says it stays.
    await popup.keyboard.press('Alt+ArrowDown');
    expect(await order()).toEqual(['pinned Gamma', 'pinned Beta', 'Alpha']);
    await popup.keyboard.press('Alt+ArrowUp');
    await expect.poll(order).toEqual(['pinned Beta', 'pinned Gamma', 'Alpha']);
    await expect.poll(() => popup.evaluate(ANNOUNCED)).toBe('Beta (beta): position 1 of 3');
    await reopen();
    await popup.getByRole('button', { name: 'Lock now' }).waitFor();
    expect(await order()).toEqual(['pinned Beta', 'pinned Gamma', 'Alpha']);
  });

  it('hides the handles while searching or sorted by name, where the order is not the user’s', async () => {
    await popup.getByLabel('Search accounts').fill('a');
    await expect.poll(() => json(popup, HANDLE_NAMES)).toEqual([]);
    await popup.getByLabel('Search accounts').fill('');
    await expect.poll(async () => (await json(popup, HANDLE_NAMES)).length).toBe(3);
    await popup.getByLabel('Sort').selectOption('name');
    await expect.poll(() => json(popup, HANDLE_NAMES)).toEqual([]);
    await popup.getByLabel('Sort').selectOption('manual');
    await expect.poll(async () => (await json(popup, HANDLE_NAMES)).length).toBe(3);
  });
});
