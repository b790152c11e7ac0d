import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import baseManifest from '../../../../manifest.json' with { type: 'json' };
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { findExtensionPage, launchFirefox } from '../../../test-support/firefox-extension.ts';

// An organisation's policy as Firefox delivers it: a managed storage manifest in the user's
// ~/.mozilla/managed-storage/, read by the real browser through storage.managed.
const POLICY = {
  requirePassword: true,
  maxAutoLockMinutes: 5,
  disableExport: true,
  timeSourceUrl: 'https://time.example.org/',
};

async function homeWithPolicy(root: string): Promise<string> {
  const home = join(root, 'home');
  const id = baseManifest.browser_specific_settings.gecko.id;
  await mkdir(join(home, '.mozilla', 'managed-storage'), { recursive: true });
  await writeFile(
    join(home, '.mozilla', 'managed-storage', `${id}.json`),
    JSON.stringify({ name: id, description: 'Example organisation', type: 'storage', data: POLICY }),
  );
  return home;
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent ?? '').catch(() => '');

describe.skipIf(!browserAvailable(FIREFOX))("the organisation's policy in Firefox", () => {
  let root: string;
  let browser: Browser;

  beforeAll(async () => {
    const extensionDir = await buildExtension('firefox', true);
    root = await mkdtemp(join(tmpdir(), 'authenticator-policy-'));
    browser = await launchFirefox(extensionDir, join(root, 'profile'), { home: await homeWithPolicy(root) });
  });
  afterAll(async () => {
    await browser?.close().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('asks for a password with no way around it, caps the auto-lock, fixes the time server and turns exports off', async () => {
    const popup = await findExtensionPage(browser, 'popup.html');
    await popup.waitForSelector('::-p-text(Your organisation requires a password.)');
    expect(await popup.$('::-p-text(Continue without a password)')).toBeNull();
    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await popup.locator('input[name="confirm"]').fill(VAULT_PASSWORD);
    await popup.locator('button::-p-text(Set password)').click();
    await popup.waitForSelector('::-p-text(No accounts yet)');

    await popup.locator('button::-p-text(Settings)').click();
    await popup.waitForSelector('::-p-text(Your organisation allows at most 5 minutes.)');
    const idle = await popup.$eval('input[type="number"]', (input) => ({
      max: (input as HTMLInputElement).max,
    }));
    expect(idle.max).toBe('5');
    const timeServer = await popup.$eval('input[type="url"]', (input) => ({
      value: (input as HTMLInputElement).value,
      readOnly: (input as HTMLInputElement).readOnly,
    }));
    expect(timeServer).toEqual({ value: 'https://time.example.org/', readOnly: true });
    expect(await text(popup, '.settings')).toContain('Set by your organisation.');

    await popup.locator('button::-p-text(Done)').click();
    await popup.locator('button::-p-text(Backup & transfer)').click();
    const transfer = await findExtensionPage(browser, 'transfer.html');
    await transfer.waitForSelector('::-p-text(Your organisation has turned off backup files and exports)');
    expect(await transfer.$('input[type="password"]')).toBeNull();
    await transfer.locator('nav button::-p-text(Export)').click();
    await transfer.waitForSelector('::-p-text(Your organisation has turned off backup files and exports)');
    expect(await transfer.$('::-p-text(Save text file of otpauth links)')).toBeNull();
    await transfer.locator('nav button::-p-text(Import)').click();
    await transfer.waitForSelector('textarea');
  });
});
