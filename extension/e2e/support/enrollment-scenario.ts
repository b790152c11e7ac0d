import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../../shared/index.ts';
import { browserAvailable } from '../../../shared/test-support/browsers.ts';
import { Popup } from './popup-steps.ts';
import { sleep, type Tab } from './scenario-tab.ts';
import { type ScenarioVerifier, startVerifier } from './verifier-server.ts';
import { toldToWaitMs, VerifierPages } from './verifier-steps.ts';

// The product's whole promise in one story, run in a real browser with the extension's test build and
// a real verifier on a temporary SQLite file. The verifier keeps the real time: the extension makes its
// codes from the browser's clock, so the two agree, and "the next code" means waiting for the next
// 30-second step.

export interface ScenarioBrowser {
  /** The extension's popup page, open in a tab of its own. */
  popup: Tab;
  /** An ordinary tab for the verifier's pages. */
  page: Tab;
  close(): Promise<void>;
}

export interface ScenarioSetup {
  /** Names the screenshots: docs/screenshots/flow-<name>-NN-step.png. */
  name: 'chromium' | 'firefox';
  executable: string;
  /** Builds and loads the extension's test build; answers the popup and a page. */
  launch(): Promise<ScenarioBrowser>;
}

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const VAULT_PASSWORD = 'extension vault password';
const ORGANISATION = 'Example Support';
const AGENT = {
  username: 'agent',
  displayName: 'Support Agent',
  email: 'agent@example.test',
  group: 'Agent',
  password: 'agent correct horse battery',
};
const STEP_MS = 30_000;
const VOID_MESSAGE = 'Too many wrong codes or the sign-in took too long. Sign in again.';
const USED_MESSAGE = 'That code has already been used. Wait for the next code.';
const WRONG_MESSAGE = /That code is not right/;

const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'enrollment-screenshots/');

/** Codes of the steps around now for a secret; `spread` steps either side. */
function codesAround(secretBase32: string, spread: number): string[] {
  const secret = base32Decode(secretBase32);
  const now = Date.now();
  const steps = Array.from({ length: 2 * spread + 1 }, (_, index) => index - spread);
  return steps.map((offset) => totp({ secret, time: now + offset * STEP_MS }));
}

/** A six-digit code that is valid for no step near now. */
function wrongCode(secretBase32: string, attempt: number): string {
  const near = new Set(codesAround(secretBase32, 3));
  let code = 111111 * ((attempt % 9) + 1);
  while (near.has(String(code))) code = (code + 7919) % 1_000_000;
  return String(code).padStart(6, '0');
}

export function describeEnrollmentScenario(setup: ScenarioSetup): void {
  describe.skipIf(!browserAvailable(setup.executable))(
    `enrolment and sign-in with the extension in ${setup.name}`,
    () => {
      let verifier: ScenarioVerifier;
      let browser: ScenarioBrowser;
      let pages: VerifierPages;
      let popup: Popup;
      let setupKey = '';
      let accountId = '';
      let usedCode = '';
      let shot = 0;

      const screenshot = (step: string, of: Tab | Popup) => {
        const path = `${screenshots}flow-${setup.name}-${String(++shot).padStart(2, '0')}-${step}.png`;
        return of instanceof Popup ? of.screenshot(path) : of.driver.screenshot(path);
      };

      /**
       * Scan whole page with the verifier's tab in front, until the popup shows `expected`. A capture
       * taken before the tab has painted after coming to the front finds no QR code; the user would
       * simply press the button again, and so does the test (at most three times).
       */
      const scanWholePage = async (expected: string) => {
        for (let attempt = 1; ; attempt++) {
          await browser.page.driver.bringToFront();
          await popup.tab.clickBehind('Scan whole page');
          const seen = await popup.tab.waitForText(
            new RegExp(`${escapeRegExp(expected)}|No QR code was found`),
          );
          if (seen === expected || attempt === 3) return popup.tab.waitForText(expected, 1);
        }
      };

      beforeAll(async () => {
        await mkdir(screenshots, { recursive: true });
        verifier = await startVerifier(FIRST_ADMIN_PASSWORD);
        browser = await setup.launch();
        pages = new VerifierPages(browser.page, verifier.url);
        popup = new Popup(browser.popup);
      });

      afterAll(async () => {
        await browser?.close();
        await verifier?.close();
      });

      it('lets the admin choose a new password, then turn 2FA on system-wide and for an Agent-group user, who becomes Pending', async () => {
        await pages.firstAdminSignIn(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
        await pages.turnOnTwoFactorSystemWide(ORGANISATION);
        await pages.addUserWithTwoFactor(AGENT);
        expect(await pages.userRow(AGENT.displayName)).toContain('Pending');
        await pages.signOut();
      });

      it('shows the user the setup banner and leads them through the wizard to the QR code', async () => {
        await pages.signIn(AGENT.username, AGENT.password);
        await browser.page.waitForText(
          'Your admin has enabled two-factor authentication for your account. Set it up now.',
        );
        await screenshot('banner', browser.page);
        setupKey = await pages.openWizardToQrCode();
        expect(setupKey).toMatch(/^[A-Z2-7]{32}$/);
      });

      it('scans the QR code by dragging a selection around it and by Scan whole page, and lists the account with its issuer and name', async () => {
        await popup.setPassword(VAULT_PASSWORD);
        const page = browser.page;

        await page.driver.bringToFront();
        await popup.tab.clickBehind('Scan QR code');
        await page.waitFor('#two-factor-authenticator-selection');
        const qr = await page.box('.qr');
        await page.driver.mouseMove(qr.x - 12, qr.y - 12);
        await page.driver.mouseDown();
        await page.driver.mouseMove(qr.x + qr.width / 2, qr.y + qr.height / 2, 4);
        await page.driver.mouseMove(qr.x + qr.width + 12, qr.y + qr.height + 12, 4);
        await screenshot('drag-selection', page);
        await page.driver.mouseUp();
        await popup.tab.waitForText('Add this account?');
        await popup.tab.waitForText(`${ORGANISATION} ${AGENT.username}`);
        await screenshot('scan-result', popup);
        await popup.answerScan('Add');
        const [added] = await popup.waitForAccounts(1);
        expect(added).toMatchObject({ issuer: ORGANISATION, name: AGENT.username });
        expect(codesAround(setupKey, 1)).toContain(added?.code);
        accountId = added?.id ?? '';

        await scanWholePage(`${ORGANISATION} (${AGENT.username}) is already in your list.`);
        await screenshot('duplicate-choice', popup);
        await popup.answerScan('Replace');
        const [kept] = await popup.waitForAccounts(1);
        expect(kept).toMatchObject({ id: accountId, issuer: ORGANISATION, name: AGENT.username });
        await screenshot('account', popup);
      });

      it('pastes the code copied in the popup into Verify configuration; Confirm sets 2FA up and signs the user out', async () => {
        await browser.page.click('button', 'Next');
        await browser.page.waitForHeading('Verify configuration');
        usedCode = await popup.copyCode(accountId);
        expect(await pages.pasteCode('Code from your authenticator')).toBe(usedCode);
        await screenshot('code-pasted', browser.page);
        expect(await pages.confirmCode('Code from your authenticator')).toBe('page: Setup successful');
        await browser.page.waitForHeading('Setup successful');
        await screenshot('setup-successful', browser.page);
        const me = await browser.page.driver.evaluate(async () => (await fetch('/api/me')).status, undefined);
        expect(me).toBe(401);
      });

      it('signs the user in with the password and the next code from the extension', async () => {
        await popup.waitForNextCode(accountId, usedCode);
        usedCode = await popup.copyCode(accountId);
        await pages.signIn(AGENT.username, AGENT.password);
        await browser.page.waitForHeading('Two-factor authentication');
        expect(await pages.pasteCode('Authentication code')).toBe(usedCode);
        expect(await pages.confirmCode('Authentication code')).toBe(`page: Welcome, ${AGENT.displayName}`);
        await browser.page.waitForText('Activated');
        await screenshot('signed-in', browser.page);
        await pages.signOut();
      });

      it('refuses the same code a second time as used, and voids the challenge after ten wrong codes', async () => {
        await pages.signIn(AGENT.username, AGENT.password);
        await browser.page.waitForHeading('Two-factor authentication');
        await browser.page.fill('Authentication code', usedCode);
        expect(await pages.confirmCode('Authentication code')).toBe(USED_MESSAGE);
        await screenshot('code-used', browser.page);

        const answers: string[] = [];
        for (let attempt = 0; answers.length < 10 && attempt < 30; attempt++) {
          await browser.page.fill('Authentication code', wrongCode(setupKey, attempt));
          const answer = await pages.confirmCode('Authentication code');
          // The per-account delay after the first few wrong codes: the user waits as told.
          const wait = toldToWaitMs(answer);
          if (wait > 0) await sleep(wait + 300);
          else answers.push(answer);
        }
        expect(answers).toEqual([...Array(9).fill(expect.stringMatching(WRONG_MESSAGE)), VOID_MESSAGE]);
        await browser.page.find('link', 'Back to sign in');
        expect(await browser.page.count('#code')).toBe(0);
        await screenshot('challenge-void', browser.page);
      });

      it('after the admin resets the lost device the user is Pending; the old account is refused and a new scan works', async () => {
        await pages.signIn('admin', ADMIN_PASSWORD);
        await pages.resetLostDevice(AGENT.displayName);
        await screenshot('lost-device-reset', browser.page);
        await pages.openAdmin('Users');
        expect(await pages.userRow(AGENT.displayName)).toContain('Pending');
        await pages.signOut();

        await pages.signIn(AGENT.username, AGENT.password);
        const oldKey = setupKey;
        setupKey = await pages.openWizardToQrCode();
        expect(setupKey).not.toBe(oldKey);
        await scanWholePage('is already in your list.');
        await popup.answerScan('Keep both');
        const both = await popup.waitForAccounts(2);
        const fresh = both.find((account) => account.id !== accountId);
        expect(fresh).toMatchObject({ issuer: ORGANISATION, name: AGENT.username });
        const freshId = fresh?.id ?? '';
        await screenshot('old-and-new-account', popup);

        await browser.page.click('button', 'Next');
        await browser.page.waitForHeading('Verify configuration');
        await popup.copyCode(accountId);
        await pages.pasteCode('Code from your authenticator');
        expect(await pages.confirmCode('Code from your authenticator')).toMatch(WRONG_MESSAGE);
        await screenshot('old-code-refused', browser.page);

        usedCode = await popup.copyCode(freshId);
        expect(codesAround(setupKey, 1)).toContain(usedCode);
        await pages.pasteCode('Code from your authenticator');
        expect(await pages.confirmCode('Code from your authenticator')).toBe('page: Setup successful');

        await popup.waitForNextCode(freshId, usedCode);
        await popup.copyCode(freshId);
        await pages.signIn(AGENT.username, AGENT.password);
        await pages.pasteCode('Authentication code');
        expect(await pages.confirmCode('Authentication code')).toBe(`page: Welcome, ${AGENT.displayName}`);
      });
    },
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
