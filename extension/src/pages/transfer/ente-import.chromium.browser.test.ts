import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { insideOnePeriod } from '../../../test-support/backup-codes.ts';
import { codesOf, freshInstall } from '../../../test-support/chromium-extension.ts';
import { ENTE_PASSWORD, otpauthRows, writeEnteExport } from '../../../test-support/ente-browser-file.ts';

// The test build in Chromium, under the manifest's CSP (script-src 'self' 'wasm-unsafe-eval'): the
// Argon2id and libsodium WebAssembly must load and run in the transfer page itself.
describe.skipIf(!browserAvailable(CHROMIUM))('importing an encrypted Ente Auth export in Chromium', () => {
  let extensionDir: string;
  let root: string;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-ente-chromium-'));
  }, 5 * 60_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(
    'refuses the wrong password without importing, then imports every account with the codes Ente shows',
    async () => {
      const file = join(root, 'ente-auth-codes-2026-12-03.txt');
      await writeEnteExport(file);
      const installed = await freshInstall(extensionDir, join(root, 'profile'));
      context = installed.context;
      const page = await context.newPage();
      const failures: string[] = [];
      page.on('pageerror', (error) => failures.push(error.message));
      await page.goto(`chrome-extension://${installed.id}/extension/transfer.html#import`);
      await page.getByLabel('Files').setInputFiles(file);
      await page.getByRole('button', { name: 'Preview import' }).click();

      const password = page.getByLabel('Password of the exported file');
      await password.fill('not the export password');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The password does not open this Ente Auth export' })
        .waitFor({ timeout: 5 * 60_000 });
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(/Nothing was imported\.$/);
      await expect(codesOf(installed.popup)).resolves.toEqual([]);

      await password.fill(ENTE_PASSWORD);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { name: '2 accounts found' }).waitFor({ timeout: 5 * 60_000 });
      await page.getByRole('button', { name: 'Import 2 accounts' }).click();
      await page.getByText('Import complete').waitFor();

      await installed.popup.getByText('ben', { exact: true }).waitFor();
      const [rows, expected] = await insideOnePeriod(async () => [
        await codesOf(installed.popup),
        otpauthRows(Date.now()),
      ]);
      expect(rows).toEqual(expected);
      expect(failures).toEqual([]);
    },
    15 * 60_000,
  );

  it(
    'derives the key in a worker that Cancel stops, so the page answers and nothing is imported',
    async () => {
      const file = join(root, 'ente-auth-codes-cancelled.txt');
      await writeEnteExport(file);
      const installed = await freshInstall(extensionDir, join(root, 'profile-cancel'));
      try {
        const page = await installed.context.newPage();
        await page.goto(`chrome-extension://${installed.id}/extension/transfer.html#import`);
        await page.getByLabel('Files').setInputFiles(file);
        await page.getByRole('button', { name: 'Preview import' }).click();
        await page.getByLabel('Password of the exported file').fill(ENTE_PASSWORD);

        const started = page.waitForEvent('worker');
        await page.getByRole('button', { name: 'Continue' }).click();
        const worker = await started;
        const ended = new Promise<void>((resolve) => worker.once('close', () => resolve()));
        await page.getByRole('button', { name: 'Decrypting…' }).waitFor();
        // While the gigabyte of Argon2id runs, the page still handles the click at once.
        await page.getByRole('button', { name: 'Cancel' }).click({ timeout: 2_000 });
        await page
          .getByRole('status')
          .filter({ hasText: 'Decryption stopped. Nothing was imported.' })
          .waitFor();
        await ended;
        await expect(page.getByRole('form', { name: 'Import', exact: true }).isVisible()).resolves.toBe(true);
        await expect(page.getByRole('heading', { name: /accounts? found/ }).count()).resolves.toBe(0);
        await expect(codesOf(installed.popup)).resolves.toEqual([]);
      } finally {
        await installed.context.close();
      }
    },
    10 * 60_000,
  );
});
