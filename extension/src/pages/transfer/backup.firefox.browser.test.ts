import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import {
  BACKUP_PASSWORD,
  BACKUP_TEST_ACCOUNTS,
  READ_CODES,
  VAULT_PASSWORD,
} from '../../../test-support/backup-accounts.ts';
import { expectedRows, insideOnePeriod } from '../../../test-support/backup-codes.ts';
import {
  addByHandInFirefox as addByHand,
  findExtensionPage,
  launchFirefox,
  setUpFirefoxVault,
} from '../../../test-support/firefox-extension.ts';
import { readableWithoutKey } from '../../../test-support/readable-without-key.ts';

/** A new profile whose downloads land in `downloads` without a dialog, with the extension installed. */
function launch(profile: string, downloads: string, extensionDir: string): Promise<Browser> {
  return launchFirefox(extensionDir, profile, {
    prefs: {
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
    },
  });
}

async function click(page: Page, text: string): Promise<void> {
  await page.locator(`button::-p-text(${text})`).click();
}

/** The finished download: Firefox writes a `.part` file first and renames it when complete. */
async function downloadedFile(dir: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const done = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    if (done.length === 1 && !(await readdir(dir)).some((name) => name.endsWith('.part')))
      return done[0] as string;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the backup was not downloaded');
}

const codesOf = (popup: Page) => popup.evaluate(READ_CODES) as Promise<string[]>;

describe.skipIf(!browserAvailable(FIREFOX))('backup and restore in Firefox', () => {
  let extensionDir: string;
  let root: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    extensionDir = await buildExtension('firefox', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-backup-firefox-'));
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('backs up, restores into a freshly installed extension in a new profile, and shows identical codes', async () => {
    const [profileA, profileB, downloads] = ['first', 'reinstalled', 'downloads'].map((name) =>
      join(root, name),
    );
    for (const dir of [profileA, profileB, downloads]) await mkdir(dir as string);

    const first = await launch(profileA as string, downloads as string, extensionDir);
    browsers.push(first);
    const popupA = await setUpFirefoxVault(first, VAULT_PASSWORD);
    for (const account of BACKUP_TEST_ACCOUNTS) await addByHand(popupA, account);
    await popupA.waitForSelector('::-p-text(2 accounts are not in any backup yet.)');

    await click(popupA, 'Back up now');
    const transfer = await findExtensionPage(first, 'transfer.html');
    await transfer.bringToFront();
    await transfer.locator('input[name="password"]').fill(BACKUP_PASSWORD);
    await transfer.locator('input[name="confirm"]').fill(BACKUP_PASSWORD);
    await click(transfer, 'Save encrypted backup');
    await transfer.waitForSelector('::-p-text(Backup saved to your downloads.)');
    const fileName = await downloadedFile(downloads as string);
    expect(fileName).toMatch(/^authenticator-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backupPath = join(downloads as string, fileName);
    const backup = JSON.parse(await readFile(backupPath, 'utf8'));
    expect(backup).toMatchObject({
      format: 'authenticator-backup',
      version: 2,
      kdf: { algorithm: 'argon2id' },
    });
    const names = BACKUP_TEST_ACCOUNTS.flatMap((account) => [account.secret, account.account]);
    expect(readableWithoutKey(backup, names)).toEqual([]);
    await popupA.waitForSelector('.backup-reminder', { hidden: true });

    const second = await launch(profileB as string, join(root, 'unused'), extensionDir);
    browsers.push(second);
    const popupB = await setUpFirefoxVault(second, VAULT_PASSWORD);
    await click(popupB, 'Backup & transfer');
    const restore = await findExtensionPage(second, 'transfer.html');
    await restore.bringToFront();
    await click(restore, 'Restore');
    const input = (await restore.waitForSelector('input[name="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(backupPath);
    await restore.locator('input[name="password"]').fill('not the backup password');
    await click(restore, 'Open backup');
    await restore.waitForSelector('::-p-text(The password does not open this backup. Nothing was changed.)');
    await restore.locator('input[name="password"]').fill(BACKUP_PASSWORD);
    await click(restore, 'Open backup');
    await click(restore, 'Restore 2 accounts');
    await restore.waitForSelector('::-p-text(Restored from the backup)');

    await popupB.waitForSelector(`.name::-p-text(${BACKUP_TEST_ACCOUNTS[1].account})`);
    expect(await popupB.$('.backup-reminder')).toBeNull();
    const [before, after, expected] = await insideOnePeriod(() =>
      Promise.all([codesOf(popupA), codesOf(popupB), expectedRows(Date.now())]),
    );
    expect(after).toEqual(before);
    expect(after).toEqual(expected);
  });
});
