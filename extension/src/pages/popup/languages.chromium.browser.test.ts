import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import {
  extensionId,
  launch,
  popupUrl,
  type TypedAccount,
} from '../../../test-support/chromium-extension.ts';
import { overflowingTexts } from '../../../test-support/text-fit.ts';

// Chromium started in German shows the popup in German, and the German words fit the popup's width.
// UPDATE_SCREENSHOTS=1 saves the list with two accounts as docs/screenshots/popup-de.png.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'language-screenshots/');

/** "Add manually" as a German user fills it in. */
async function addInGerman(popup: Page, account: TypedAccount): Promise<void> {
  await popup.getByRole('button', { name: 'Manuell hinzufügen' }).click();
  await popup.getByLabel('Geheimer Schlüssel').fill(account.secret);
  await popup.getByLabel('Anbieter').fill(account.issuer);
  await popup.getByLabel('Kontoname').fill(account.account);
  await popup.getByLabel('Algorithmus').selectOption(account.algorithm);
  await popup.getByLabel('Stellen').selectOption(account.digits);
  await popup.getByLabel('Intervall (s)').fill(account.period);
  await popup.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
  await popup.getByText(account.account, { exact: true }).waitFor();
}

describe.skipIf(!browserAvailable(CHROMIUM))('the popup in a German Chromium', () => {
  let extensionDir: string;
  let profile: string;
  beforeAll(async () => {
    // Debian ships Chromium's interface languages apart; without German it would fall back to English.
    if (!existsSync('/usr/lib/chromium/locales/de.pak'))
      throw new Error('Chromium has no German interface: apt-get install chromium-l10n (see .ci/run)');
    extensionDir = await buildExtension('chrome', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-language-'));
  });
  afterAll(async () => {
    await rm(profile, { recursive: true, force: true });
  });

  it('shows the first screen and the list of codes in German, every text within the popup’s width', async () => {
    const context = await launch(extensionDir, profile, {
      language: 'de',
      viewport: { width: 360, height: 460 },
    });
    try {
      const popup = await context.newPage();
      await popup.goto(popupUrl(await extensionId(context)));

      await popup.getByRole('heading', { name: 'Schütze deine Codes mit einem Passwort' }).waitFor();
      expect(
        await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual(['de', 'ltr']);
      expect(await popup.title()).toBe('Authenticator');
      expect(await popup.getByRole('button', { name: 'Ohne Passwort fortfahren …' }).count()).toBe(1);
      expect(await popup.evaluate(overflowingTexts)).toEqual([]);

      await popup.getByLabel('Passwort', { exact: true }).fill(VAULT_PASSWORD);
      await popup.getByLabel('Passwort bestätigen').fill(VAULT_PASSWORD);
      await popup.getByRole('button', { name: 'Passwort festlegen' }).click();
      await popup.getByText('Noch keine Konten.', { exact: false }).waitFor();
      for (const account of BACKUP_TEST_ACCOUNTS) await addInGerman(popup, account);

      const toolbar = await popup.locator('header button').allTextContents();
      expect(toolbar).toEqual([
        'QR-Code scannen',
        'Ganze Seite scannen',
        'Manuell hinzufügen',
        'Sicherung & Übertragung',
        'Einstellungen',
        'Jetzt sperren',
      ]);
      await expect
        .poll(() => popup.locator('.backup-reminder').textContent())
        .toContain('2 Konten sind noch in keiner Sicherung.');
      expect(await popup.getByPlaceholder('Suchen').getAttribute('aria-label')).toBe('Konten durchsuchen');
      const countdowns = await popup
        .locator('.countdown')
        .evaluateAll((rings) => rings.map((ring) => ring.getAttribute('aria-label')));
      expect(countdowns).toHaveLength(2);
      for (const label of countdowns) expect(label).toMatch(/^Noch \d+ Sekunden?$/);
      expect(
        await popup.getByRole('button', { name: 'Example Portal (ana@example.com) bearbeiten' }).count(),
      ).toBe(1);
      await popup.screenshot({ path: join(screenshots, 'popup-de.png') });
      expect(await popup.evaluate(overflowingTexts)).toEqual([]);

      // The screens with the longest German words: the edit form and the settings.
      await popup.getByRole('button', { name: 'Bank (ben) bearbeiten' }).click();
      await popup.getByRole('heading', { name: 'Bank (ben) bearbeiten' }).waitFor();
      expect(await popup.getByText('Platz in deiner Liste (gilt beim Speichern)').count()).toBe(1);
      expect(await popup.evaluate(overflowingTexts)).toEqual([]);
      await popup.getByRole('button', { name: 'Abbrechen' }).click();
      await popup.getByRole('button', { name: 'Einstellungen' }).click();
      await popup.getByRole('heading', { name: 'Einstellungen' }).waitFor();
      expect(await popup.getByLabel('Sperren nach (Minuten ohne Nutzung)').count()).toBe(1);
      expect(await popup.evaluate(overflowingTexts)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
