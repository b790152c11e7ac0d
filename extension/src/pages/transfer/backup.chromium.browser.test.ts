import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_PASSWORD, BACKUP_TEST_ACCOUNTS } from '../../../test-support/backup-accounts.ts';
import { expectedRows, insideOnePeriod } from '../../../test-support/backup-codes.ts';
import { addByHand, codesOf, freshInstall } from '../../../test-support/chromium-extension.ts';
import { readableWithoutKey } from '../../../test-support/readable-without-key.ts';

describe.skipIf(!browserAvailable(CHROMIUM))('backup and restore in Chromium', () => {
  let extensionDir: string;
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    for (const name of ['first', 'reinstalled'])
      profiles.push(await mkdtemp(join(tmpdir(), `authenticator-backup-${name}-`)));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    for (const profile of profiles) await rm(profile, { recursive: true, force: true });
  });

  it('backs up, restores into a freshly installed extension in a new profile, and shows identical codes', async () => {
    const first = await freshInstall(extensionDir, profiles[0] as string);
    contexts.push(first.context);
    for (const account of BACKUP_TEST_ACCOUNTS) await addByHand(first.popup, account);
    await first.popup.getByText('2 accounts are not in any backup yet.').waitFor();

    // "Back up now" opens the transfer page in a tab of its own.
    const opened = first.context.waitForEvent('page');
    await first.popup.getByRole('button', { name: 'Back up now' }).click();
    const transfer = await opened;
    await transfer.getByRole('heading', { name: 'Back up', level: 2 }).waitFor();
    await transfer.getByLabel('Backup password', { exact: true }).fill(BACKUP_PASSWORD);
    await transfer.getByLabel('Confirm backup password').fill(BACKUP_PASSWORD);
    const downloading = transfer.waitForEvent('download');
    await transfer.getByRole('button', { name: 'Save encrypted backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^authenticator-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backupFile = join(profiles[0] as string, download.suggestedFilename());
    await download.saveAs(backupFile);
    const backup = JSON.parse(await readFile(backupFile, 'utf8'));
    expect(backup).toMatchObject({
      format: 'authenticator-backup',
      version: 2,
      kdf: { algorithm: 'argon2id' },
    });
    const names = BACKUP_TEST_ACCOUNTS.flatMap((account) => [account.secret, account.account]);
    expect(readableWithoutKey(backup, names)).toEqual([]);
    // The open popup follows the vault: the reminder is gone.
    await first.popup.getByText('not in any backup yet').waitFor({ state: 'detached' });

    const second = await freshInstall(extensionDir, profiles[1] as string);
    contexts.push(second.context);
    const restore = await second.context.newPage();
    await restore.goto(`chrome-extension://${second.id}/extension/transfer.html#restore`);
    await restore.getByLabel('Backup file').setInputFiles(backupFile);
    await restore.getByLabel('Backup password').fill('not the backup password');
    await restore.getByRole('button', { name: 'Open backup' }).click();
    await restore.getByText('The password does not open this backup. Nothing was changed.').waitFor();
    await restore.getByLabel('Backup password').fill(BACKUP_PASSWORD);
    await restore.getByRole('button', { name: 'Open backup' }).click();
    await restore.getByRole('button', { name: 'Restore 2 accounts' }).click();
    await restore.getByText(/Restored from the backup/).waitFor();

    await second.popup.getByText(BACKUP_TEST_ACCOUNTS[1].account, { exact: true }).waitFor();
    await expect(second.popup.getByText('not in any backup yet').count()).resolves.toBe(0);
    const [before, after, expected] = await insideOnePeriod(() =>
      Promise.all([codesOf(first.popup), codesOf(second.popup), expectedRows(Date.now())]),
    );
    expect(after).toEqual(before);
    expect(after).toEqual(expected);
  });
});
