import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, FIREFOX } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { findExtensionPage, launchFirefox } from '../../../test-support/firefox-extension.ts';
import { overflowingTexts } from '../../../test-support/text-fit.ts';

// Firefox ESR asked for French (intl.locale.requested) shows the popup in French, within its width.
// The popup is reached as the test build's tab: Firefox's automation cannot press the toolbar button.

const LANGPACKS = '/usr/lib/firefox-esr/browser/extensions';

async function click(page: Page, text: string): Promise<void> {
  await page.locator(`button::-p-text(${text})`).click();
}

describe.skipIf(!browserAvailable(FIREFOX))('the popup in a French Firefox ESR', () => {
  let extensionDir: string;
  let profile: string;
  let browser: Browser;
  beforeAll(async () => {
    // Debian ships Firefox's languages apart; without the French pack Firefox stays in English.
    const packs = existsSync(LANGPACKS) ? readdirSync(LANGPACKS) : [];
    if (!packs.some((name) => name.startsWith('langpack-fr@')))
      throw new Error('Firefox ESR has no French: apt-get install firefox-esr-l10n-fr (see .ci/run)');
    extensionDir = await buildExtension('firefox', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-language-firefox-'));
    browser = await launchFirefox(extensionDir, profile, {
      language: 'fr',
      viewport: { width: 360, height: 520 },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('shows the first screen and the list of codes in French, every text within the popup’s width', async () => {
    const popup = await findExtensionPage(browser, 'popup.html');
    await popup.waitForSelector('h1::-p-text(Protégez vos codes par un mot de passe)');
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(
      ['fr', 'ltr'],
    );
    expect(await popup.evaluate(overflowingTexts)).toEqual([]);

    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await popup.locator('input[name="confirm"]').fill(VAULT_PASSWORD);
    await click(popup, 'Définir le mot de passe');
    await popup.waitForSelector('::-p-text(Aucun compte pour l’instant.)');
    for (const account of BACKUP_TEST_ACCOUNTS) {
      await click(popup, 'Ajouter manuellement');
      await popup.locator('input[name="secret"]').fill(account.secret);
      await popup.locator('input[name="issuer"]').fill(account.issuer);
      await popup.locator('input[name="account"]').fill(account.account);
      await popup.select('select[name="algorithm"]', account.algorithm);
      await popup.select('select[name="digits"]', account.digits);
      await popup.locator('input[name="period"]').fill(account.period);
      await popup.locator('form button[type="submit"]').click();
      await popup.waitForSelector(`.name::-p-text(${account.account})`);
    }

    const toolbar = await popup.$$eval('header button', (buttons) => buttons.map((b) => b.textContent));
    expect(toolbar).toEqual([
      'Scanner le code QR',
      'Scanner toute la page',
      'Ajouter manuellement',
      'Sauvegarde et transfert',
      'Paramètres',
      'Verrouiller',
    ]);
    const reminder = await popup.$eval('.backup-reminder', (element) => element.textContent ?? '');
    expect(reminder).toContain('2 comptes ne sont encore dans aucune sauvegarde.');
    const countdowns = await popup.$$eval('.countdown', (rings) =>
      rings.map((r) => r.getAttribute('aria-label')),
    );
    expect(countdowns).toHaveLength(2);
    for (const label of countdowns) expect(label).toMatch(/^Encore \d+ secondes?$/);
    expect(await popup.evaluate(overflowingTexts)).toEqual([]);
  });
});
