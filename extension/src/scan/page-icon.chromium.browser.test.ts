import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { VAULT_PASSWORD } from '../../test-support/backup-accounts.ts';
import { freshInstall, popupUrl } from '../../test-support/chromium-extension.ts';
import {
  ICON_ISSUER,
  type IconPageServer,
  offIconColour,
  PLAIN_ISSUER,
  rowPicture,
  SHOWN_ICON,
  startIconPageServer,
} from '../../test-support/icon-pages.ts';

// Scanning a page in real Chromium (the test build's popup page in a tab): the account takes the
// site's favicon as the browser already holds it, kept in the vault; a page without one gives the
// letter avatar.

describe.skipIf(!browserAvailable(CHROMIUM))('the site icon of a scanned account in Chromium', () => {
  let server: IconPageServer;
  let profile: string;
  let context: BrowserContext;
  let popup: Page;
  let id: string;
  const picture = async (issuer: string) => JSON.parse(String(await popup.evaluate(rowPicture(issuer))));

  async function scanAndAdd(path: string, issuer: string, beforeScan?: () => Promise<void>) {
    const page = await context.newPage();
    await page.goto(`${server.origin}${path}`);
    await beforeScan?.();
    await page.bringToFront();
    await popup.getByRole('button', { name: 'Scan whole page' }).click();
    await popup.getByText('Add this account?').waitFor();
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByText(issuer, { exact: true }).waitFor();
    await page.close();
  }

  beforeAll(async () => {
    const extensionDir = await buildExtension('chrome', true);
    server = await startIconPageServer();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-site-icon-'));
    ({ context, popup, id } = await freshInstall(extensionDir, profile));
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('shows the favicon of the page an account was scanned on, and still after reopening and unlocking', async () => {
    // The browser loads the favicon itself; the scan then reads that copy and asks the site for nothing.
    let before = 0;
    await scanAndAdd('/with-icon', ICON_ISSUER, async () => {
      await expect.poll(server.iconRequests).toBeGreaterThan(0);
      before = server.iconRequests();
    });
    // Polled: the row's picture decodes after the row is drawn.
    await expect.poll(() => picture(ICON_ISSUER)).toMatchObject(SHOWN_ICON);
    expect(offIconColour((await picture(ICON_ISSUER)).rgb)).toBeLessThan(8);
    expect(server.iconRequests()).toBe(before);

    await popup.close();
    popup = await context.newPage();
    await popup.goto(popupUrl(id));
    await popup.getByRole('button', { name: 'Lock now' }).click();
    await popup.getByLabel('Password').fill(VAULT_PASSWORD);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText(ICON_ISSUER, { exact: true }).waitFor();
    await expect.poll(() => picture(ICON_ISSUER)).toMatchObject({ alt: '', size: [32, 32] });
  });

  it('shows the letter avatar for an account scanned on a page without a favicon', async () => {
    await scanAndAdd('/no-icon', PLAIN_ISSUER);
    await expect.poll(() => picture(PLAIN_ISSUER)).toEqual({ letter: 'P' });
  });
});
