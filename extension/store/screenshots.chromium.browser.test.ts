import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { VAULT_PASSWORD } from '../test-support/backup-accounts.ts';
import { addByHand, extensionId, launch, popupUrl } from '../test-support/chromium-extension.ts';
import { type QrPageServer, startQrPageServer } from '../test-support/qr-page.ts';

// The store screenshots (1280×800, the size both stores take), made from the published build over a
// real page. UPDATE_SCREENSHOTS=1 writes them into extension/store/screenshots/.
const folder = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('./screenshots/', import.meta.url))
  : join(tmpdir(), 'store-screenshots/');
const STORE_SIZE = { width: 1280, height: 800 };

const demo = (issuer: string, account: string, secret: string) =>
  ({ issuer, account, secret, algorithm: 'SHA1', digits: '6', period: '30' }) as const;
const DEMO_ACCOUNTS = [
  demo('Example Portal', 'ana@example.com', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
  demo('Northwind Mail', 'ana.lopez', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  demo('Contoso VPN', 'alopez', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'),
  demo('Fabrikam Cloud', 'ana@fabrikam.example', 'ONSWG4TFOQYTEMZUGU3DOOBZGAYTEMZU'),
];

/** Shows the popup page as the browser shows the popup: a 360 px panel below the toolbar, over `backdrop`. */
async function asToolbarPopup(popup: Page, backdrop: Buffer): Promise<void> {
  await popup.evaluate((image) => {
    const root = document.documentElement;
    root.style.background = `url(data:image/png;base64,${image}) no-repeat`;
    root.style.minHeight = '100vh';
    Object.assign(document.body.style, {
      position: 'absolute',
      top: '8px',
      right: '72px',
      width: '360px',
      margin: '0',
      boxShadow: '0 8px 28px rgba(0, 0, 0, 0.35)',
      borderRadius: '8px',
    });
  }, backdrop.toString('base64'));
}

describe.skipIf(!browserAvailable(CHROMIUM))(
  'the store screenshots, from the published build in Chromium',
  () => {
    let extensionDir: string;
    let profile: string;
    let pages: QrPageServer;
    beforeAll(async () => {
      extensionDir = await buildExtension('chrome');
      profile = await mkdtemp(join(tmpdir(), 'authenticator-store-'));
      pages = await startQrPageServer();
      await mkdir(folder, { recursive: true });
    });
    afterAll(async () => {
      await pages?.close();
      await rm(profile, { recursive: true, force: true });
    });

    for (const scheme of ['light', 'dark'] as const) {
      it(`shows the codes over a sign-in page at 1280×800, ${scheme}`, async () => {
        const context = await launch(extensionDir, profile, { viewport: STORE_SIZE, colorScheme: scheme });
        try {
          const site = await context.newPage();
          await site.goto(`${pages.origin}/enrol`);
          const backdrop = await site.screenshot();
          const id = await extensionId(context);
          const popup = await context.newPage();
          await popup.goto(popupUrl(id));
          if (scheme === 'light') {
            await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
            await popup.getByLabel('Confirm password').fill(VAULT_PASSWORD);
            await popup.getByRole('button', { name: 'Set password' }).click();
            for (const account of DEMO_ACCOUNTS) await addByHand(popup, account);
          } else {
            // The vault the light run made in this profile.
            await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
            await popup.getByRole('button', { name: 'Unlock' }).click();
          }
          await popup.getByText(DEMO_ACCOUNTS.at(-1)?.account ?? '', { exact: true }).waitFor();
          await asToolbarPopup(popup, backdrop);
          const path = join(folder, `codes-${scheme}.png`);
          await popup.screenshot({ path });
          // Every demo account is shown whole in the panel, none cut off by the 800 px height.
          const rows = await popup
            .locator('li.account')
            .evaluateAll((items) => items.map((item) => item.getBoundingClientRect().bottom));
          expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
          expect(Math.max(...rows)).toBeLessThanOrEqual(STORE_SIZE.height);
        } finally {
          await context.close();
        }
      });
    }

    it('shows the backup and import page at 1280×800', async () => {
      const context = await launch(extensionDir, profile, { viewport: STORE_SIZE });
      try {
        const id = await extensionId(context);
        const transfer = await context.newPage();
        await transfer.goto(`chrome-extension://${id}/extension/transfer.html`);
        await transfer.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
        await transfer.getByRole('button', { name: 'Unlock' }).click();
        await transfer.getByLabel('Backup password', { exact: true }).waitFor();
        const path = join(folder, 'backup-and-import.png');
        await transfer.screenshot({ path });
        // Nothing of the page is cut off at the store's height: it fits the 800 px.
        const height = await transfer.evaluate(() => document.documentElement.scrollHeight);
        expect(height).toBeLessThanOrEqual(STORE_SIZE.height);
      } finally {
        await context.close();
      }
    });
  },
);
