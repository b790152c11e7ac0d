import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { axeViolations } from '../../../test-support/axe.ts';
import { VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import {
  addByHandInFirefox,
  findExtensionPage,
  launchFirefox,
  setUpFirefoxVault,
} from '../../../test-support/firefox-extension.ts';
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

// The popup's details a new user meets, in Firefox ESR: the test build opens its popup page in a
// tab (WebDriver may not open extension pages), which the tests drive with real clicks and keys.
// The tests share one profile and go on from each other.

const json = async (page: Page, expression: string) => JSON.parse(String(await page.evaluate(expression)));
const axe = (page: Page, options?: Parameters<typeof axeViolations>[1]) =>
  axeViolations((expression) => page.evaluate(expression), options);
const click = (page: Page, text: string) => page.locator(`button::-p-text(${text})`).click();

describe.skipIf(!browserAvailable(FIREFOX))('the popup details in Firefox', () => {
  let profile: string;
  let browser: Browser;
  let popup: Page;

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-details-firefox-'));
    browser = await launchFirefox(extensionDir, profile, { viewport: { width: 360, height: 600 } });
    popup = await setUpFirefoxVault(browser, VAULT_PASSWORD);
    for (const account of DETAIL_ACCOUNTS) await addByHandInFirefox(popup, account);
  });

  afterAll(async () => {
    await browser?.close();
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
  });

  it('names each code button with the code it shows, and the name follows the code when it rolls over', async () => {
    await addByHandInFirefox(popup, {
      ...DETAIL_ACCOUNTS[0],
      issuer: 'Quick',
      account: 'every-2-s',
      period: '2',
    });
    const quick = async () =>
      ((await json(popup, CODE_BUTTONS)) as { name: string; code: string }[]).find((b) =>
        b.name.includes('Quick'),
      );
    const first = await quick();
    expect(first?.name).toBe(`Copy Quick every-2-s ${first?.code}`);
    await expect.poll(async () => (await quick())?.code, { timeout: 30_000 }).not.toBe(first?.code);
    const rolled = await quick();
    expect(rolled?.name).toBe(`Copy Quick every-2-s ${rolled?.code}`);
    await popup.locator('[aria-label="Edit Quick (every-2-s)"]').click();
    await click(popup, 'Delete…');
    await click(popup, 'Delete for good');
    await popup.waitForSelector('::-p-text(every-2-s)', { hidden: true });
  });

  it('gives the countdown ring and the Back up now link readable colours from the theme', async () => {
    await popup.waitForSelector('button::-p-text(Back up now)');
    // The light theme only: WebDriver BiDi cannot emulate the system's colour scheme or contrast
    // (Chromium's test covers the dark and high-contrast themes).
    const ring = await json(popup, RING_COLOURS);
    expect(ring.inline, 'colours written into the ring').toBe(false);
    expect(contrastRatio(ring.progress, ring.background)).toBeGreaterThanOrEqual(3);
    expect(await axe(popup, { only: ['color-contrast'], within: '.backup-reminder' })).toEqual([]);
    expect(await axe(popup)).toEqual([]);
  });

  it('shows a letter avatar per account, coloured by its issuer, hidden from screen readers, fetching nothing', async () => {
    const avatars = await json(popup, AVATARS);
    expect(avatars.map((a: { letter: string }) => a.letter)).toEqual(['G', 'E', 'B']);
    for (const avatar of avatars) {
      expect(avatar.hidden).toBe('true');
      expect(avatar.fetched).toBe(false);
    }
    expect(new Set(avatars.map((a: { background: string }) => a.background)).size).toBe(3);
  });

  it('moves focus with / and the arrow keys and copies the focused code with Enter', async () => {
    await popup.bringToFront();
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.keyboard.press('/');
    expect(await popup.evaluate(FOCUSED)).toBe('search');
    await popup.keyboard.press('ArrowDown');
    expect(await popup.evaluate(FOCUSED)).toBe('code of GitHub');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    expect(await popup.evaluate(FOCUSED)).toBe('code of Example Portal');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('li.account:nth-child(2) .copied');
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('ArrowUp');
    expect(await popup.evaluate(FOCUSED)).toBe('search');
    await popup.keyboard.press('/');
    expect(await popup.$eval('input.search', (input) => (input as HTMLInputElement).value)).toBe('/');
    await popup.keyboard.press('Backspace');
  });

  it('applies Pin to top and Move down only on Save, and Cancel leaves the list as it was', async () => {
    const before = await json(popup, ROW_ORDER);
    expect(before).toEqual(['GitHub', 'Example Portal', 'Bank']);
    const pin = () => popup.locator('label.checkbox::-p-text(Pin to top) input').click();
    await popup.locator('[aria-label="Edit Bank (ben)"]').click();
    await pin();
    await click(popup, 'Move up');
    await popup.waitForSelector('::-p-text(Position 1 of 3)');
    expect(await axe(popup)).toEqual([]);
    await click(popup, 'Cancel');
    await popup.waitForSelector('[data-testid="code"]');
    expect(await json(popup, ROW_ORDER)).toEqual(before);

    await popup.locator('[aria-label="Edit GitHub (alice)"]').click();
    await click(popup, 'Move down');
    await popup.locator('form button[type="submit"]').click();
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Example Portal', 'GitHub', 'Bank']);
  });

  it('sorts by name when asked and remembers it in a reloaded popup', async () => {
    await popup.select('select[aria-label="Sort"]', 'name');
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    // WebDriver may not navigate an extension page, so the page reloads itself.
    await popup.evaluate(() => location.reload());
    await popup.waitForSelector('li.account');
    await popup.waitForFunction(() => document.querySelectorAll('li.account').length === 3);
    expect(
      await popup.$eval('select[aria-label="Sort"]', (select) => (select as HTMLSelectElement).value),
    ).toBe('name');
    expect(await json(popup, ROW_ORDER)).toEqual(['Bank', 'Example Portal', 'GitHub']);
    await popup.select('select[aria-label="Sort"]', 'manual');
    await expect.poll(() => json(popup, ROW_ORDER)).toEqual(['Example Portal', 'GitHub', 'Bank']);
  });

  it('says whether a duplicate has the same key or a new one', async () => {
    const prompt = async (secret: string) => {
      await click(popup, 'Add manually');
      await popup.locator('input[name="secret"]').fill(secret);
      await popup.locator('input[name="issuer"]').fill('GitHub');
      await popup.locator('input[name="account"]').fill('alice');
      await popup.locator('form button[type="submit"]').click();
      const alert = await popup.waitForSelector('.scan-result [role="alert"]');
      const text = await alert?.evaluate((element) => element.textContent);
      await click(popup, 'Cancel');
      await popup.waitForSelector('.scan-result', { hidden: true });
      return text;
    };
    expect(await prompt(DETAIL_ACCOUNTS[0].secret)).toContain(
      'already in your list. It has this same key: Replace updates its details',
    );
    expect(await prompt('ONSWG4TFORQW4ZDPNVSXG5DSMFXGO2LO')).toContain(
      'already in your list. The new key is different: Replace keeps its place and uses the new key',
    );
  });

  it('says in one sentence that a cut-short backup restored nothing', async () => {
    const file = join(profile, 'authenticator-backup.json');
    await writeFile(file, TRUNCATED_BACKUP);
    await click(popup, 'Backup & transfer');
    const restore = await findExtensionPage(browser, 'transfer.html');
    await restore.bringToFront();
    await click(restore, 'Restore');
    const input = (await restore.waitForSelector('input[name="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await restore.locator('input[name="password"]').fill('any password');
    await click(restore, 'Open backup');
    const error = await restore.waitForSelector('::-p-text(incomplete or damaged)');
    expect(await error?.evaluate((element) => element.textContent)).toBe(
      'The backup file is incomplete or damaged (it is not whole JSON); nothing was restored.',
    );
  });
});
