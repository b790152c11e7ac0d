import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { axeViolations } from '../../../test-support/axe.ts';
import { addByHand, freshInstall, popupUrl } from '../../../test-support/chromium-extension.ts';
import {
  AVATARS,
  CODE_BUTTONS,
  contrastRatio,
  DETAIL_ACCOUNTS,
  FOCUSED,
  LONG_NAME,
  LONG_ROW_LAYOUT,
  RING_COLOURS,
  ROW_ORDER,
  TRUNCATED_BACKUP,
} from '../../../test-support/popup-details.ts';

// The popup's details a new user meets, in the real popup of the test build in Chromium: long
// names, what a screen reader hears, contrast in every theme, the edit form, the duplicate prompt,
// sorting, the keyboard and the avatars. The tests share one profile and go on from each other.

const THEMES = [
  { colorScheme: 'light', contrast: 'no-preference' },
  { colorScheme: 'dark', contrast: 'no-preference' },
  { colorScheme: 'light', contrast: 'more' },
  { colorScheme: 'dark', contrast: 'more' },
] as const;

const json = async (popup: Page, expression: string) => JSON.parse(String(await popup.evaluate(expression)));
const axe = (popup: Page, options?: Parameters<typeof axeViolations>[1]) =>
  axeViolations((expression) => popup.evaluate(expression), options);

describe.skipIf(!browserAvailable(CHROMIUM))('the popup details in Chromium', () => {
  let profile: string;
  let context: BrowserContext;
  let popup: Page;
  let id: string;
  const outside: string[] = [];

  beforeAll(async () => {
    const extensionDir = await buildExtension('chrome', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-details-'));
    ({ context, popup, id } = await freshInstall(extensionDir, profile));
    context.on('request', (request) => {
      if (!request.url().startsWith('chrome-extension://')) outside.push(request.url());
    });
    await popup.setViewportSize({ width: 360, height: 600 });
    for (const account of DETAIL_ACCOUNTS) await addByHand(popup, account);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('cuts a long account name with an ellipsis and keeps the popup at its width and the code on one line', async () => {
    const layout = await json(popup, LONG_ROW_LAYOUT);
    expect(layout.bodyWidth).toBe(360);
    expect(layout.rowRight).toBeLessThanOrEqual(360);
    expect(layout.codeLines).toBe(1);
    expect(layout.nameCut).toBe(true);
    expect(layout.nameTitle).toBe(LONG_NAME);
    expect(layout.buttonText).toContain(LONG_NAME);
    expect(await popup.getByRole('button', { name: `Copy Example Portal ${LONG_NAME}` }).count()).toBe(1);
  });

  it('names each code button with the code it shows, and the name follows the code when it rolls over', async () => {
    await addByHand(popup, { ...DETAIL_ACCOUNTS[0], issuer: 'Quick', account: 'every-2-s', period: '2' });
    const read = async () => (await json(popup, CODE_BUTTONS)) as { name: string; code: string }[];
    const quick = async () => (await read()).find((button) => button.name.includes('Quick'));
    // Found by the name in the browser's accessibility tree, with the code read just before.
    const byName = async () => {
      const code = (await quick())?.code;
      return popup.getByRole('button', { name: `Copy Quick every-2-s ${code}`, exact: true }).count();
    };
    const first = await quick();
    expect(first?.name).toBe(`Copy Quick every-2-s ${first?.code}`);
    await expect.poll(byName, { timeout: 30_000 }).toBe(1);
    for (const button of await read()) expect(button.name).toContain(button.code);
    await expect.poll(async () => (await quick())?.code, { timeout: 30_000 }).not.toBe(first?.code);
    const rolled = await quick();
    expect(rolled?.name).toBe(`Copy Quick every-2-s ${rolled?.code}`);
    await expect.poll(byName, { timeout: 30_000 }).toBe(1);
    // Back to the three accounts the later tests expect.
    await popup.getByRole('button', { name: 'Edit Quick (every-2-s)' }).click();
    await popup.getByRole('button', { name: 'Delete…' }).click();
    await popup.getByRole('button', { name: 'Delete for good' }).click();
    await popup.getByText('every-2-s').waitFor({ state: 'detached' });
  });

  it('gives the countdown ring and the Back up now link their colours from the theme, readable in each', async () => {
    await popup.getByRole('button', { name: 'Back up now' }).waitFor();
    const tracks = new Set<string>();
    for (const theme of THEMES) {
      await popup.emulateMedia(theme);
      const ring = await json(popup, RING_COLOURS);
      expect(ring.inline, 'colours written into the ring').toBe(false);
      expect(contrastRatio(ring.progress, ring.background), JSON.stringify(theme)).toBeGreaterThanOrEqual(3);
      tracks.add(ring.track);
      // High contrast draws the avatar's letter in the text colour on the page's background.
      const [avatar] = await json(popup, AVATARS);
      if (theme.contrast === 'more') expect(avatar.background, theme.colorScheme).toBe(ring.background);
      expect(await axe(popup, { only: ['color-contrast'], within: '.backup-reminder' })).toEqual([]);
      expect(await axe(popup)).toEqual([]);
    }
    expect(tracks.size, 'the ring track follows the theme').toBeGreaterThan(1);
    await popup.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
  });

  it('shows a letter avatar per account, coloured by its issuer, hidden from screen readers, and fetches nothing', async () => {
    const avatars = await json(popup, AVATARS);
    expect(avatars.map((a: { letter: string }) => a.letter)).toEqual(['G', 'E', 'B']);
    for (const avatar of avatars) expect(avatar.hidden).toBe('true');
    expect(new Set(avatars.map((a: { background: string }) => a.background)).size).toBe(3);
    // The same issuer gets the same colour in a new popup.
    const again = await context.newPage();
    await again.goto(popupUrl(id));
    await again.locator('.avatar').first().waitFor();
    expect(await json(again, AVATARS)).toEqual(avatars);
    await again.close();
    expect(outside).toEqual([]);
  });

  it('moves focus with / and the arrow keys and copies the focused code with Enter', async () => {
    await popup.bringToFront();
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.keyboard.press('/');
    expect(await popup.evaluate(FOCUSED)).toBe('search');
    await popup.keyboard.press('ArrowDown');
    expect(await popup.evaluate(FOCUSED)).toBe('code of GitHub');
    await popup.keyboard.press('ArrowDown');
    expect(await popup.evaluate(FOCUSED)).toBe('code of Example Portal');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    expect(await popup.evaluate(FOCUSED)).toBe('code of Example Portal');
    await popup.keyboard.press('Enter');
    await popup.locator('li.account', { hasText: 'Example Portal' }).getByText('Copied').waitFor();
    // A slash typed into the search field is text, not a shortcut.
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('ArrowUp');
    expect(await popup.evaluate(FOCUSED)).toBe('search');
    await popup.keyboard.press('/');
    expect(await popup.getByLabel('Search accounts').inputValue()).toBe('/');
    await popup.getByLabel('Search accounts').fill('');
  });

  it('applies Pin to top and Move down only on Save, and Cancel leaves the list as it was', async () => {
    const before = await json(popup, ROW_ORDER);
    expect(before).toEqual(['GitHub', 'Example Portal', 'Bank']);
    await popup.getByRole('button', { name: 'Edit Bank (ben)' }).click();
    await popup.getByLabel('Pin to top').check();
    expect(await axe(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByTestId('code').first().waitFor();
    expect(await json(popup, ROW_ORDER)).toEqual(before);

    await popup.getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    await popup.getByRole('button', { name: 'Move down' }).click();
    await popup.getByText('Position 2 of 3').waitFor();
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByTestId('code').first().waitFor();
    expect(await json(popup, ROW_ORDER)).toEqual(before);

    await popup.getByRole('button', { name: 'Edit Bank (ben)' }).click();
    await popup.getByLabel('Pin to top').check();
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['pinned Bank', 'GitHub', 'Example Portal']);
    await popup.getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    await popup.getByRole('button', { name: 'Move down' }).click();
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['pinned Bank', 'Example Portal', 'GitHub']);
  });

  it('sorts by name when asked and remembers it in the next popup', async () => {
    await popup.getByLabel('Sort').selectOption('name');
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['pinned Bank', 'Example Portal', 'GitHub']);
    await popup.getByLabel('Sort').selectOption('manual');
    await popup.getByRole('button', { name: 'Edit Bank (ben)' }).click();
    await popup.getByLabel('Pin to top').uncheck();
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    await popup.getByLabel('Sort').selectOption('name');
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    await popup.getByRole('button', { name: 'Edit GitHub (alice)' }).click();
    await popup.getByRole('button', { name: 'Move up' }).click();
    await popup.getByRole('button', { name: 'Move up' }).click();
    await popup.getByRole('button', { name: 'Save' }).click();
    // Sorted by name, the manual order underneath does not show; a new popup keeps the choice.
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    const next = await context.newPage();
    await next.goto(popupUrl(id));
    await next.locator('li.account').first().waitFor();
    expect(await next.getByLabel('Sort').inputValue()).toBe('name');
    expect(await json(next, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    await next.getByLabel('Sort').selectOption('manual');
    await expect.poll(() => json(next, ROW_ORDER)).toEqual(['GitHub', 'Bank', 'Example Portal']);
    await next.close();
  });

  it('says whether a duplicate has the same key or a new one', async () => {
    const addAgain = async (secret: string) => {
      await popup.getByRole('button', { name: 'Add manually' }).click();
      await popup.getByLabel('Secret key').fill(secret);
      await popup.getByLabel('Issuer').fill('GitHub');
      await popup.getByLabel('Account name').fill('alice');
      await popup.getByRole('button', { name: 'Add', exact: true }).click();
      return popup.getByRole('region', { name: 'Scan result' }).getByRole('alert');
    };
    const same = await addAgain(DETAIL_ACCOUNTS[0].secret);
    await same.waitFor();
    expect(await same.textContent()).toBe(
      'GitHub (alice) is already in your list. It has this same key: Replace updates its details and keeps its place; Keep both adds a second entry that shows the same codes.',
    );
    expect(await axe(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Cancel' }).click();
    const changed = await addAgain('ONSWG4TFORQW4ZDPNVSXG5DSMFXGO2LO');
    await changed.waitFor();
    expect(await changed.textContent()).toBe(
      'GitHub (alice) is already in your list. The new key is different: Replace keeps its place and uses the new key, so the old key’s codes stop; Keep both adds a second entry.',
    );
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('region', { name: 'Scan result' }).waitFor({ state: 'detached' });
  });

  it('says in one sentence that a cut-short backup restored nothing', async () => {
    const restore = await context.newPage();
    await restore.goto(`chrome-extension://${id}/extension/transfer.html#restore`);
    await restore.getByLabel('Backup file').setInputFiles({
      name: 'authenticator-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(TRUNCATED_BACKUP),
    });
    await restore.getByLabel('Backup password').fill('any password');
    await restore.getByRole('button', { name: 'Open backup' }).click();
    const error = restore.getByText(/incomplete or damaged/);
    await error.waitFor();
    expect(await error.textContent()).toBe(
      'The backup file is incomplete or damaged (it is not whole JSON); nothing was restored.',
    );
    await restore.close();
  });
});
