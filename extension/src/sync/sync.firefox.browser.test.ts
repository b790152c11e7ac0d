import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, READ_CODES, VAULT_PASSWORD } from '../../test-support/backup-accounts.ts';
import {
  addByHandInFirefox,
  findExtensionPage,
  launchFirefox,
  setUpFirefoxVault,
} from '../../test-support/firefox-extension.ts';
import { readableWithoutKey } from '../../test-support/readable-without-key.ts';
import {
  carrySyncArea,
  changeAndSync,
  forgetThisInstall,
  readSyncArea,
  syncAreaWrittenSince,
  tooManyToSync,
} from '../../test-support/sync-profiles.ts';

// Two Firefox ESR profiles stand for two computers signed into one browser account. No sync server
// is reachable here, so the test carries the synced items between the profiles itself: it reads the
// real storage.sync in one profile's extension page and sets the items in the other's
// (test-support/sync-profiles.ts), as the browser's sync would deliver them. WebDriver may not
// navigate to extension pages: the test build opens its popup in a tab on install, and the
// transfer page is opened by the extension's own tabs API from that page.

const [EXAMPLE, BANK] = BACKUP_TEST_ACCOUNTS;
const SHOP = { ...EXAMPLE, secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', issuer: 'Shop', account: 'ana-shop' };
const MAIL = { ...BANK, secret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK', issuer: 'Mail', account: 'ana-mail' };

/** The part of Firefox's `browser` object the test calls from the extension's own page. */
type Tabs = {
  tabs: { create(options: { url: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
};

const codesOf = (popup: Page) => popup.evaluate(READ_CODES) as Promise<string[]>;
const names = async (popup: Page) => (await codesOf(popup)).map((row) => row.split('|')[1]).sort();
const click = (page: Page, text: string) => page.locator(`button::-p-text(${text})`).click();

async function showsExactly(popup: Page, expected: string[]): Promise<void> {
  await expect.poll(() => names(popup), { timeout: 60_000 }).toEqual([...expected].sort());
}

/** The Sync section's status line, read afresh on each call. */
const syncStatus = (popup: Page) =>
  popup.evaluate(() => {
    const sync = [...document.querySelectorAll('fieldset')].find(
      (set) => set.querySelector('legend')?.textContent === 'Sync',
    );
    return sync?.querySelector('[role="status"]')?.textContent ?? '';
  });

async function reload(page: Page): Promise<void> {
  await page.evaluate(() => location.reload());
}

async function unlockWith(popup: Page, password: string): Promise<void> {
  await popup.locator('input[name="password"]').fill(password);
  await click(popup, 'Unlock');
}

describe.skipIf(!browserAvailable(FIREFOX))('sync through storage.sync in Firefox', () => {
  let extensionDir: string;
  let root: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    extensionDir = await buildExtension('firefox', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-sync-firefox-'));
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('two profiles edit at once, one deletes, the other reinstalls: nothing lost, nothing brought back, the quota reported', async () => {
    const firstBrowser = await launchFirefox(extensionDir, join(root, 'first'));
    browsers.push(firstBrowser);
    const first = await setUpFirefoxVault(firstBrowser, VAULT_PASSWORD);
    for (const account of [EXAMPLE, BANK]) await addByHandInFirefox(first, account);
    await first.locator('button[aria-label="Settings"]').click();
    await first.locator('::-p-text(Sync accounts through this browser)').click();
    await expect.poll(() => syncStatus(first), { timeout: 60_000 }).toMatch(/^Sync is on/);
    await click(first, 'Done');
    const synced = await readSyncArea(first);
    expect(Object.keys(synced)).toContain('sync-manifest');
    expect(readableWithoutKey(synced, [EXAMPLE.secret, BANK.secret, EXAMPLE.account, BANK.account])).toEqual(
      [],
    );

    const secondBrowser = await launchFirefox(extensionDir, join(root, 'second'));
    browsers.push(secondBrowser);
    const second = await findExtensionPage(secondBrowser, 'popup.html');
    await second.waitForSelector('::-p-text(Set password)');
    await carrySyncArea(first, second);
    await click(second, 'Bring back accounts synced');
    await second.waitForSelector('::-p-text(synced through this browser’s account were found)');
    await unlockWith(second, 'not the vault password');
    await second.waitForSelector('::-p-text(Wrong password)');
    await unlockWith(second, VAULT_PASSWORD);
    await showsExactly(second, [EXAMPLE.account, BANK.account]);

    await changeAndSync(first, () => addByHandInFirefox(first, SHOP));
    await changeAndSync(second, () => addByHandInFirefox(second, MAIL));
    await changeAndSync(second, async () => {
      await second.locator(`button[aria-label="Edit ${BANK.issuer} (${BANK.account})"]`).click();
      await click(second, 'Delete…');
      await click(second, 'Delete for good');
    });
    await showsExactly(second, [EXAMPLE.account, MAIL.account]);

    const merged = [EXAMPLE.account, SHOP.account, MAIL.account];
    const carried = await carrySyncArea(first, second);
    await showsExactly(second, merged);
    await syncAreaWrittenSince(second, carried);
    await carrySyncArea(second, first);
    await showsExactly(first, merged);

    await forgetThisInstall(first);
    await reload(first);
    await click(first, 'Bring back accounts synced');
    await first.waitForSelector('::-p-text(synced through this browser’s account were found)');
    await unlockWith(first, VAULT_PASSWORD);
    await showsExactly(first, merged);

    const before = JSON.stringify(await readSyncArea(second));
    await second.evaluate(() => {
      const api = (globalThis as unknown as { browser: Tabs }).browser;
      return api.tabs
        .create({ url: api.runtime.getURL('extension/transfer.html#import') })
        .then(() => undefined);
    });
    const transfer = await findExtensionPage(secondBrowser, 'transfer.html');
    await transfer.waitForSelector('textarea');
    // Set at once rather than typed: 200 KB of keystrokes would only slow the test.
    await transfer.evaluate((text: string) => {
      const field = document.querySelector('textarea') as HTMLTextAreaElement;
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }, tooManyToSync());
    await click(transfer, 'Preview import');
    await transfer.waitForSelector('::-p-text(200 accounts found)', { timeout: 60_000 });
    await click(transfer, 'Import 200 accounts');
    await expect.poll(async () => (await codesOf(second)).length, { timeout: 60_000 }).toBe(203);
    await second.locator('button[aria-label="Settings"]').click();
    await expect
      .poll(() => syncStatus(second), { timeout: 60_000 })
      .toMatch(/^Sync is paused: your accounts need \d{3} KB, the browser allows 100 KB\./);
    expect(JSON.stringify(await readSyncArea(second))).toBe(before);
  });
});
