import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS } from '../../../test-support/backup-accounts.ts';
import { expectedRows, insideOnePeriod } from '../../../test-support/backup-codes.ts';
import { addByHand, codesOf, freshInstall } from '../../../test-support/chromium-extension.ts';

describe.skipIf(!browserAvailable(CHROMIUM))('export to a phone and import from images in Chromium', () => {
  let extensionDir: string;
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    for (const name of ['exporting', 'importing'])
      profiles.push(await mkdtemp(join(tmpdir(), `authenticator-images-${name}-`)));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    for (const profile of profiles) await rm(profile, { recursive: true, force: true });
  });

  it('imports screenshots of the export QR codes into another profile, with the same codes', async () => {
    const first = await freshInstall(extensionDir, profiles[0] as string);
    contexts.push(first.context);
    for (const account of BACKUP_TEST_ACCOUNTS) await addByHand(first.popup, account);
    const exporter = await first.context.newPage();
    await exporter.goto(`chrome-extension://${first.id}/extension/transfer.html#export`);

    // The phone format holds 30 s periods only: the 60 s account is listed as left out, and is
    // exported on its own QR code instead.
    await exporter.getByRole('button', { name: 'Export all to a phone…' }).click();
    await exporter.getByRole('button', { name: 'Show export QR codes' }).click();
    await expect(exporter.getByRole('list', { name: 'Not exported' }).textContent()).resolves.toMatch(
      /^Bank \(ben\)/,
    );
    await exporter.getByText('1 of 1').waitFor();
    const images = [join(profiles[0] as string, 'phone-export.png'), join(profiles[0] as string, 'bank.png')];
    await exporter.getByRole('img', { name: 'Export QR code 1 of 1' }).screenshot({ path: images[0] });
    await exporter.getByRole('button', { name: 'Show QR code of Bank (ben)' }).click();
    await exporter.getByRole('button', { name: 'Show QR code and link' }).click();
    await exporter.getByRole('img', { name: 'QR code of Bank (ben)' }).screenshot({ path: images[1] });

    const second = await freshInstall(extensionDir, profiles[1] as string);
    contexts.push(second.context);
    const importer = await second.context.newPage();
    await importer.goto(`chrome-extension://${second.id}/extension/transfer.html#import`);
    await importer.getByLabel('Files').setInputFiles(images as string[]);
    await importer.getByRole('button', { name: 'Preview import' }).click();
    await importer.getByRole('heading', { name: '2 accounts found' }).waitFor();
    await importer.getByRole('button', { name: 'Import 2 accounts' }).click();
    await importer.getByText('Import complete').waitFor();

    await second.popup.getByText('ben', { exact: true }).waitFor();
    const [before, after, expected] = await insideOnePeriod(() =>
      Promise.all([codesOf(first.popup), codesOf(second.popup), expectedRows(Date.now())]),
    );
    expect(after).toEqual(before);
    expect(after).toEqual(expected);
  });
});
