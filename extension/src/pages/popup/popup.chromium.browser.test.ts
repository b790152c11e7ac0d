import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../../../shared/index.ts';
import { browserAvailable, CHROMIUM } from '../../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../../build/targets.ts';
import { extensionId, launch, popupUrl } from '../../../test-support/chromium-extension.ts';
import {
  QR_BOX,
  type QrPageServer,
  startQrPageServer,
  TEST_ACCOUNT,
  TEST_ISSUER,
  TEST_SECRET_BASE32,
} from '../../../test-support/qr-page.ts';

const PASSWORD = 'correct horse battery';

/** The service worker's own API as the test calls it inside the worker (the project has no chrome types). */
declare const chrome: {
  alarms: {
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
    create(name: string, info: { when: number }): Promise<void>;
  };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};
const secret = base32Decode(TEST_SECRET_BASE32);

/** The codes valid around now, per the shared module: the one shown must be among them. */
function expectedCodes(): string[] {
  const now = Date.now();
  return [now - 2000, now, now + 2000].map((time) => totp({ secret, time }));
}

/** Chromium at 1280×800, the page as large as the window, at the given device scale factor. */
function launchAt(extensionDir: string, userDataDir: string, scale = 1): Promise<BrowserContext> {
  return launch(extensionDir, userDataDir, {
    viewport: null,
    args: ['--window-size=1280,800', `--force-device-scale-factor=${scale}`],
  });
}

async function openPopup(context: BrowserContext, id: string): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(popupUrl(id));
  return popup;
}

async function shownCode(popup: Page): Promise<string> {
  const text = await popup.getByTestId('code').first().textContent();
  return (text ?? '').replace(/\s/g, '');
}

describe.skipIf(!browserAvailable(CHROMIUM))('the extension in Chromium', () => {
  let server: QrPageServer;
  let extensionDir: string;
  let profile: string;

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    server = await startQrPageServer();
    profile = await mkdtemp(join(tmpdir(), 'authenticator-chromium-'));
  });

  afterAll(async () => {
    await server?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('sets a password, scans the whole page, shows the right code, copies it, locks, and keeps the vault locked across a restart', async () => {
    let context = await launchAt(extensionDir, profile);
    const id = await extensionId(context);
    const page = await context.newPage();
    await page.goto(`${server.origin}/enrol`);
    let popup = await openPopup(context, id);

    // The strength hint comes from the rating worker of the installed build. Once typing has
    // begun, the button below stays put whichever sentence the hint shows.
    const hint = popup.getByTestId('password-hint');
    const buttonTop = async () =>
      (await popup.getByRole('button', { name: 'Set password' }).boundingBox())?.y;
    await popup.getByLabel('Password', { exact: true }).fill('short');
    await expect.poll(() => hint.textContent()).toMatch(/^Too short/);
    const steadyTop = await buttonTop();
    await popup.getByLabel('Password', { exact: true }).fill('password1234');
    await expect
      .poll(() => hint.textContent(), { timeout: 30_000 })
      .toMatch(/^Weak: it is a well-known password/);
    expect(await buttonTop()).toBe(steadyTop);
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await expect.poll(() => hint.textContent(), { timeout: 30_000 }).toMatch(/^(Fair|Strong):/);
    expect(await buttonTop()).toBe(steadyTop);
    await popup.getByLabel('Confirm password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Set password' }).click();
    await popup.getByText('No accounts yet').waitFor();

    await page.bringToFront();
    await popup.getByRole('button', { name: 'Scan whole page' }).click();
    await popup.getByText('Add this account?').waitFor();
    await expect(popup.getByRole('region', { name: 'Scan result' }).textContent()).resolves.toContain(
      TEST_ISSUER,
    );
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByText(TEST_ACCOUNT, { exact: true }).waitFor();
    expect(expectedCodes()).toContain(await shownCode(popup));

    await popup.bringToFront();
    await popup.getByRole('button', { name: `Copy ${TEST_ISSUER} ${TEST_ACCOUNT}` }).click();
    await popup.getByText('Copied').waitFor();
    // Paste where a user would: the code field of the page.
    await page.bringToFront();
    await page.getByLabel('Code').click();
    await page.keyboard.press('Control+V');
    expect(expectedCodes()).toContain(await page.getByLabel('Code').inputValue());
    await popup.bringToFront();

    await popup.getByRole('button', { name: 'Lock now' }).click();
    await popup.getByLabel('Password').fill('not the password');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText('Wrong password. Nothing was changed').waitFor();
    await popup.getByLabel('Password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText(TEST_ACCOUNT, { exact: true }).waitFor();

    await context.close();
    context = await launchAt(extensionDir, profile);
    popup = await openPopup(context, await extensionId(context));
    await popup.getByRole('heading', { name: 'Locked' }).waitFor();
    await popup.getByLabel('Password').fill(PASSWORD);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText(TEST_ACCOUNT, { exact: true }).waitFor();
    expect(expectedCodes()).toContain(await shownCode(popup));
    await context.close();
  });

  it('scans by selection and by whole page at device pixel ratio 2, and offers replace, keep both or cancel for a duplicate', async () => {
    const scaledProfile = await mkdtemp(join(tmpdir(), 'authenticator-chromium-2x-'));
    const context = await launchAt(extensionDir, scaledProfile, 2);
    try {
      const id = await extensionId(context);
      const page = await context.newPage();
      await page.goto(`${server.origin}/enrol`);
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(2);
      const popup = await openPopup(context, id);
      await popup.getByRole('button', { name: 'Continue without a password…' }).click();
      await popup.getByRole('button', { name: 'I understand, use without a password' }).click();
      await popup.getByText('No accounts yet').waitFor();

      for (const round of [1, 2]) {
        await page.bringToFront();
        await popup.getByRole('button', { name: 'Scan QR code' }).click();
        await page.locator('#two-factor-authenticator-selection').waitFor();
        await page.mouse.move(QR_BOX.x - 12, QR_BOX.y - 12);
        await page.mouse.down();
        await page.mouse.move(QR_BOX.x + QR_BOX.size / 2, QR_BOX.y + QR_BOX.size / 2, { steps: 4 });
        await page.mouse.move(QR_BOX.x + QR_BOX.size + 12, QR_BOX.y + QR_BOX.size + 12, { steps: 4 });
        await page.mouse.up();
        if (round === 1) {
          await popup.getByText('Add this account?').waitFor();
          await popup.getByRole('button', { name: 'Add', exact: true }).click();
        } else {
          await popup.getByText('is already in your list').waitFor();
          await popup.getByRole('button', { name: 'Keep both' }).click();
        }
      }
      await expect.poll(() => popup.getByTestId('code').count()).toBe(2);
      expect(expectedCodes()).toContain(await shownCode(popup));

      // The whole page at 2x finds the same code; cancelling leaves the list as it was.
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan whole page' }).click();
      await popup.getByText('is already in your list').waitFor();
      await popup.getByRole('button', { name: 'Cancel' }).click();
      await popup.getByRole('region', { name: 'Scan result' }).waitFor({ state: 'detached' });
      expect(await popup.getByTestId('code').count()).toBe(2);
    } finally {
      await context.close();
      await rm(scaledProfile, { recursive: true, force: true });
    }
  });

  it('says so when the page has no QR code, and Esc cancels a selection without a result', async () => {
    const emptyProfile = await mkdtemp(join(tmpdir(), 'authenticator-chromium-empty-'));
    const context = await launchAt(extensionDir, emptyProfile);
    try {
      const id = await extensionId(context);
      const page = await context.newPage();
      await page.goto(`${server.origin}/blank`);
      const popup = await openPopup(context, id);
      await popup.getByRole('button', { name: 'Continue without a password…' }).click();
      await popup.getByRole('button', { name: 'I understand, use without a password' }).click();
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan QR code' }).click();
      // The overlay's shadow root is closed, so only its host in the page's DOM can be found.
      const overlay = page.locator('#two-factor-authenticator-selection');
      await overlay.waitFor();
      // What the page's own scripts can reach: the host, not the shadow root behind it, and a style
      // sheet of the page's cannot hide it.
      const seenByPage = await page.evaluate(() => {
        const host = document.getElementById('two-factor-authenticator-selection');
        const style = document.createElement('style');
        style.textContent =
          '#two-factor-authenticator-selection { display: none !important; opacity: 0 !important }';
        document.head.append(style);
        const computed = host ? getComputedStyle(host) : null;
        return {
          shadowRoot: host?.shadowRoot === null ? null : 'reachable',
          display: computed?.display,
          opacity: computed?.opacity,
        };
      });
      expect(seenByPage).toEqual({ shadowRoot: null, display: 'block', opacity: '1' });
      expect(await page.evaluate(() => document.elementFromPoint(640, 400)?.id)).toBe(
        'two-factor-authenticator-selection',
      );
      // The page's own scripts cannot make or cancel the selection with events of their own.
      await page.evaluate(async () => {
        const layer = document.getElementById('two-factor-authenticator-selection');
        const pointer = (type: string, x: number) =>
          layer?.dispatchEvent(
            new PointerEvent(type, { clientX: x, clientY: x, pointerId: 1, bubbles: true }),
          );
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        pointer('pointerdown', 10);
        pointer('pointermove', 300);
        pointer('pointerup', 300);
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      });
      expect(await overlay.count()).toBe(1);
      await page.keyboard.press('Escape');
      await overlay.waitFor({ state: 'detached' });
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan whole page' }).click();
      await popup.getByText('No QR code was found').waitFor();
    } finally {
      await context.close();
      await rm(emptyProfile, { recursive: true, force: true });
    }
  });

  it('locks itself when the idle alarm fires, clears a copied code after 30 s, and corrects a clock that is 20 s behind', async () => {
    const timedProfile = await mkdtemp(join(tmpdir(), 'authenticator-chromium-timers-'));
    const context = await launchAt(extensionDir, timedProfile);
    try {
      const id = await extensionId(context);
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const page = await context.newPage();
      await page.goto(`${server.origin}/enrol`);
      const popup = await openPopup(context, id);
      await popup.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await popup.getByLabel('Confirm password').fill(PASSWORD);
      await popup.getByRole('button', { name: 'Set password' }).click();
      await page.bringToFront();
      await popup.getByRole('button', { name: 'Scan whole page' }).click();
      await popup.getByRole('button', { name: 'Add', exact: true }).click();
      await popup.getByTestId('code').waitFor();

      // Settings: idle minutes re-arm the auto-lock alarm; Check time reads the server's Date header.
      await popup.getByRole('button', { name: 'Settings' }).click();
      await popup.getByLabel('Lock after (minutes without use)').fill('5');
      await popup.getByLabel('Lock after (minutes without use)').blur();
      await expect
        .poll(async () => {
          const alarm = await worker.evaluate(() => chrome.alarms.get('auto-lock'));
          return alarm ? Math.round((alarm.scheduledTime - Date.now()) / 60_000) : null;
        })
        .toBe(5);
      await popup.getByLabel(/Time server/).fill(`${server.origin}/slow-clock`);
      await popup.getByRole('button', { name: 'Check time' }).click();
      await popup.getByText(/clock is (19|20|21) s behind the server/).waitFor();
      await popup.getByRole('button', { name: 'Done' }).click();
      await popup
        .getByText(
          /Codes use the time of http:\/\/127\.0\.0\.1:\d+: this device’s clock is (19|20|21) s behind/,
        )
        .waitFor();
      const shifted = [18_000, 20_000, 22_000].map((ahead) => totp({ secret, time: Date.now() + ahead }));
      expect(shifted).toContain(await shownCode(popup));

      // Copy, then let the clipboard alarm (scheduled 30 s out) fire now.
      await popup.bringToFront();
      const copied = await shownCode(popup);
      await popup.getByRole('button', { name: /^Copy / }).click();
      await popup.getByText('Copied').waitFor();
      const pasteIntoCodeField = async () => {
        await page.bringToFront();
        await page.getByLabel('Code').fill('');
        await page.getByLabel('Code').click();
        await page.keyboard.press('Control+V');
        return page.getByLabel('Code').inputValue();
      };
      // Positive control: pasting works here and gives the copied code, so an empty paste below
      // can only mean the clipboard was cleared. The code may have rolled over during the copy.
      expect([copied, await shownCode(popup)]).toContain(await pasteIntoCodeField());
      const clearAt = await worker.evaluate(() =>
        chrome.alarms.get('clear-clipboard').then((alarm) => alarm?.scheduledTime ?? 0),
      );
      expect(Math.round((clearAt - Date.now()) / 1000)).toBeGreaterThanOrEqual(28);
      expect(Math.round((clearAt - Date.now()) / 1000)).toBeLessThanOrEqual(30);
      await worker.evaluate(() => chrome.alarms.create('clear-clipboard', { when: Date.now() + 100 }));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await pasteIntoCodeField()).toBe('');

      // The idle alarm locks the vault; the open popup follows.
      await worker.evaluate(() => chrome.alarms.create('auto-lock', { when: Date.now() + 100 }));
      await popup.getByRole('heading', { name: 'Locked' }).waitFor();
      expect(await worker.evaluate(() => chrome.storage.session.get('vaultKey'))).toEqual({});
    } finally {
      await context.close();
      await rm(timedProfile, { recursive: true, force: true });
    }
  });
});
