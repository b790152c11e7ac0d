import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../../../test-support/backup-accounts.ts';
import { addByHand, extensionId, launch, popupUrl } from '../../../test-support/chromium-extension.ts';

// The pages follow the system's light or dark theme and its request for more contrast, checked from
// the computed styles. UPDATE_SCREENSHOTS=1 also saves the popup in docs/screenshots/.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'theme-screenshots/');

/** Relative luminance (WCAG 2.2) of a computed `rgb(...)`/`rgba(...)` colour, and its alpha. */
function luminance(css: string): { luminance: number; alpha: number } {
  const [r = 0, g = 0, b = 0, alpha = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return { luminance: 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b), alpha };
}

async function colours(page: Page, selector: string) {
  const { background, text } = await page.evaluate((query) => {
    const element = document.querySelector(query) ?? document.body;
    // The colour the user sees behind the page: the first opaque background from body up.
    let backgroundColour = 'rgba(0, 0, 0, 0)';
    for (let node: Element | null = document.body; node; node = node.parentElement) {
      const value = getComputedStyle(node).backgroundColor;
      if (!value.endsWith(', 0)') && value !== 'transparent') {
        backgroundColour = value;
        break;
      }
    }
    return { background: backgroundColour, text: getComputedStyle(element).color };
  }, selector);
  return { background: luminance(background), text: luminance(text) };
}

const contrast = (pair: Awaited<ReturnType<typeof colours>>) =>
  (Math.max(pair.text.luminance, pair.background.luminance) + 0.05) /
  (Math.min(pair.text.luminance, pair.background.luminance) + 0.05);

/** The contrast of a button's border against the page, as WCAG 1.4.11 asks of control boundaries. */
async function borderContrast(page: Page, selector: string): Promise<number> {
  const border = await page.evaluate((query) => {
    const element = document.querySelector(query);
    return element ? getComputedStyle(element).borderTopColor : '';
  }, selector);
  const pair = await colours(page, selector);
  return contrast({ text: luminance(border), background: pair.background });
}

describe.skipIf(!browserAvailable(CHROMIUM))('the light, dark and high-contrast themes in Chromium', () => {
  let extensionDir: string;
  let profile: string;
  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    profile = await mkdtemp(join(tmpdir(), 'authenticator-theme-'));
  });
  afterAll(async () => {
    await rm(profile, { recursive: true, force: true });
  });

  it('gives the popup and the transfer page a dark background and light text when the system is dark', async () => {
    const context = await launch(extensionDir, profile, {
      colorScheme: 'dark',
      viewport: { width: 360, height: 420 },
    });
    try {
      const id = await extensionId(context);
      const popup = await context.newPage();
      await popup.goto(popupUrl(id));
      await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
      await popup.getByLabel('Confirm password').fill(VAULT_PASSWORD);
      await popup.getByRole('button', { name: 'Set password' }).click();
      for (const account of BACKUP_TEST_ACCOUNTS) await addByHand(popup, account);

      const inPopup = await colours(popup, '.issuer');
      expect(inPopup.background.alpha).toBe(1);
      expect(inPopup.background.luminance).toBeLessThan(0.05);
      expect(inPopup.text.luminance).toBeGreaterThan(0.6);
      // WCAG AA for body text: contrast of at least 4.5:1.
      expect((inPopup.text.luminance + 0.05) / (inPopup.background.luminance + 0.05)).toBeGreaterThan(4.5);
      const code = await colours(popup, '[data-testid="code"]');
      expect((code.text.luminance + 0.05) / (code.background.luminance + 0.05)).toBeGreaterThan(4.5);
      await popup.screenshot({ path: join(screenshots, 'popup-dark.png') });

      const transfer = await context.newPage();
      await transfer.goto(`chrome-extension://${id}/extension/transfer.html`);
      await transfer.getByLabel('Backup password', { exact: true }).waitFor();
      const inTransfer = await colours(transfer, 'p');
      expect(inTransfer.background.alpha).toBe(1);
      expect(inTransfer.background.luminance).toBeLessThan(0.05);
      expect((inTransfer.text.luminance + 0.05) / (inTransfer.background.luminance + 0.05)).toBeGreaterThan(
        4.5,
      );
    } finally {
      await context.close();
    }
  });
  // Opens the vault the test above made in this profile.
  it('turns to black on white, or white on black, when the system asks for more contrast', async () => {
    const context = await launch(extensionDir, profile, {
      colorScheme: 'light',
      viewport: { width: 360, height: 420 },
    });
    try {
      const id = await extensionId(context);
      const popup = await context.newPage();
      await popup.goto(popupUrl(id));
      await popup.getByRole('button', { name: 'Unlock' }).waitFor();
      await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
      await popup.getByRole('button', { name: 'Unlock' }).click();
      await popup.locator('.issuer').first().waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await popup.emulateMedia({ colorScheme: scheme, contrast: 'more' });
        // WCAG AAA (7:1) for the names, the muted account names and the codes; 3:1 for button borders.
        for (const selector of ['.issuer', '.name', '[data-testid="code"]']) {
          expect(contrast(await colours(popup, selector)), `${selector} in ${scheme}`).toBeGreaterThanOrEqual(
            7,
          );
        }
        expect(await borderContrast(popup, 'button'), `button border in ${scheme}`).toBeGreaterThanOrEqual(3);
        await popup.screenshot({ path: join(screenshots, `popup-high-contrast-${scheme}.png`) });
      }
      // Without the request, the ordinary light theme: dark text on white, soft grey button borders.
      await popup.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' });
      expect(await borderContrast(popup, 'button')).toBeLessThan(3);
      const light = await colours(popup, '.issuer');
      expect(light.background.luminance).toBeGreaterThan(0.9);
      expect(contrast(light)).toBeGreaterThan(4.5);
      await popup.screenshot({ path: join(screenshots, 'popup-light.png') });
    } finally {
      await context.close();
    }
  });
});
