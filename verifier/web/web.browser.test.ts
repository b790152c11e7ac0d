import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../extension/test-support/browsers.ts';
import { base32Decode, totp } from '../../shared/index.ts';
import { launchChromium, seriousAccessibilityProblems } from './browser/chromium.ts';
import { buildPages, type RunningVerifier, startVerifier } from './browser/verifier.ts';

// One story through the real pages, a real verifier on a temporary SQLite file and Debian's Chromium:
// the admin turns 2FA on, a user sets it up with the wizard and signs in with codes, and every page
// passes an axe-core check.

// Screenshots are always taken; they replace the documented ones only on request, so an ordinary
// test run leaves the working tree as it was.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'verifier-web-screenshots/');
const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const AGENT_PASSWORD = 'agent correct horse battery';
const STEP_MS = 30_000;

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('verifier pages in Chromium', () => {
  let verifier: RunningVerifier;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const cspViolations: string[] = [];
  let agentSecret: Uint8Array | undefined;
  let pages: string | undefined;

  beforeAll(async () => {
    pages = await buildPages();
    await mkdir(screenshots, { recursive: true });
    verifier = await startVerifier(FIRST_ADMIN_PASSWORD, pages);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await verifier?.close();
    if (pages) await rm(pages, { recursive: true, force: true });
  });

  const url = (path: string) => verifier.url + path;
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const shoot = (name: string) => page.screenshot({ path: `${screenshots}${name}.png`, fullPage: true });

  async function expectAccessible(where: string) {
    const problems = await seriousAccessibilityProblems(page);
    expect(problems, `axe-core on ${where}`).toEqual([]);
  }

  async function signIn(username: string, password: string) {
    await page.goto(url('/sign-in'));
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in').waitFor();
  }

  function codeNow(offsetSteps = 0): string {
    if (!agentSecret) throw new Error('The setup key has not been read yet.');
    return totp({ secret: agentSecret, time: verifier.clock.now() + offsetSteps * STEP_MS });
  }

  /** The refusal shown once the page has rendered the answer to a code: field emptied, not busy. */
  async function settledCodeAnswer(): Promise<string> {
    const shown = await page.waitForFunction(() => {
      const input = document.querySelector<HTMLInputElement>('#code');
      const busy = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Checking…');
      if (busy || (input && input.value !== '')) return undefined;
      return document.querySelector('#code-error')?.textContent?.trim() || undefined;
    });
    return String(await shown.jsonValue());
  }

  /** A code valid for no step near the server's time. */
  function wrongCode(): string {
    const nearby = new Set([-2, -1, 0, 1, 2].map((offset) => codeNow(offset)));
    let wrong = 100000;
    while (nearby.has(String(wrong))) wrong++;
    return String(wrong);
  }

  it('makes the first admin choose a new password before anything else', async () => {
    const response = await page.goto(url('/'));
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await heading('Sign in').waitFor();
    await expectAccessible('the sign-in page');
    await shoot('01-sign-in');
    // The check itself can fail: a field without a label is reported.
    await page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    expect((await seriousAccessibilityProblems(page)).map((problem) => problem.id)).toContain('label');
    await page.reload();
    await heading('Sign in').waitFor();

    // Keyboard only: the skip link, the home link, each field and the button, each with a visible focus ring.
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { name: element.textContent?.trim() || element.id, outline: style.outlineStyle };
      });
    const order: string[] = [];
    for (let press = 0; press < 5; press++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      expect(now.outline, `focus ring on ${now.name}`).not.toBe('none');
      order.push(now.name);
    }
    expect(order).toEqual(['Skip to content', 'Verifier', 'username', 'password', 'Sign in']);

    await signIn('admin', 'not the password');
    await expect(page.getByText('Wrong username or password.').textContent()).resolves.toBeTruthy();

    await signIn('admin', FIRST_ADMIN_PASSWORD);
    await heading('Choose a new password').waitFor();
    await expectAccessible('the change-password page');
    await page.getByLabel('Current password').fill(FIRST_ADMIN_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByLabel('New password again').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await heading('Welcome, Administrator').waitFor();
    await expectAccessible('the home page');
  });

  it('lets the admin enable 2FA system-wide, after which the Users table shows the 2FA status column', async () => {
    await page.getByRole('link', { name: 'Admin console' }).first().click();
    await page.getByRole('link', { name: 'Administrator' }).waitFor();
    expect(await page.getByRole('columnheader', { name: '2FA status' }).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'System Settings' })
      .click();
    await heading('System Settings').waitFor();
    const systemSwitch = page.getByRole('switch', { name: '2FA enabled' });
    expect(await systemSwitch.isChecked()).toBe(false);
    await systemSwitch.check();
    await page.getByLabel('Organisation name').fill('Example Support');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    await expectAccessible('System Settings');
    await shoot('02-system-settings');

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('columnheader', { name: '2FA status' }).waitFor();
  });

  it('adds a user and turns 2FA on for them on the Edit user page, making them Pending', async () => {
    await page.getByRole('link', { name: 'Add user' }).click();
    await heading('Add user').waitFor();
    await page.getByLabel('Username').fill('agent');
    await page.getByLabel('Display name').fill('Support Agent');
    await page.getByLabel('E-mail').fill('agent@example.test');
    await page.getByLabel('Security access group').selectOption({ label: 'Agent' });
    await page.getByLabel('Password').fill(AGENT_PASSWORD);
    await expectAccessible('Add user');
    await page.getByRole('button', { name: 'Add user' }).click();
    await heading('Users').waitFor();
    const agentRow = page.getByRole('row', { name: /Support Agent/ });
    await expect(agentRow.getByText('Disabled').textContent()).resolves.toBe('Disabled');

    await page.getByRole('link', { name: 'Support Agent' }).click();
    await heading('Edit user').waitFor();
    await page.getByText(/Lost device\? Turn 2FA enabled off and save, then turn it on again/).waitFor();
    await page.getByLabel('2FA enabled').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.locator('.badge', { hasText: 'Pending' }).waitFor();
    await expectAccessible('Edit user');
    await shoot('04-edit-user');

    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(agentRow.getByText('Pending').textContent()).resolves.toBe('Pending');
  });

  it('creates a custom group with 2FA off, so its members show Disabled and their 2FA switch is hidden', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Security Access Groups' })
      .click();
    await heading('Security Access Groups').waitFor();
    await page.getByLabel('Group name').fill('Night shift');
    await page.getByRole('button', { name: 'Create group' }).click();
    const groupSwitch = page.getByRole('switch', { name: 'Enable 2FA for Night shift' });
    await groupSwitch.waitFor();
    expect(await groupSwitch.isChecked()).toBe(false);
    expect(await page.getByRole('switch').count()).toBe(1);
    await expectAccessible('Security Access Groups');
    await shoot('05-security-access-groups');

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('link', { name: 'Add user' }).click();
    await page.getByLabel('Username').fill('shiftlead');
    await page.getByLabel('Display name').fill('Shift Lead');
    await page.getByLabel('Security access group').selectOption({ label: 'Night shift' });
    await page.getByText(/The Night shift group does not allow two-factor authentication/).waitFor();
    expect(await page.getByLabel('2FA enabled').count()).toBe(0);
    await page.getByLabel('Password').fill('shift lead correct horse battery');
    await page.getByRole('button', { name: 'Add user' }).click();
    await heading('Users').waitFor();
    const leadRow = page.getByRole('row', { name: /Shift Lead/ });
    await expect(leadRow.getByText('Disabled').textContent()).resolves.toBe('Disabled');
    await expectAccessible('Users');
    await shoot('03-users');

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Security Access Groups' })
      .click();
    await page.getByRole('switch', { name: 'Enable 2FA for Night shift' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The group is saved.').waitFor();
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('link', { name: 'Shift Lead' }).click();
    await heading('Edit user').waitFor();
    expect(await page.getByLabel('2FA enabled').isChecked()).toBe(false);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await heading('Users').waitFor();
  });

  it('creates an API key shown only once, and lists the audit log with filters', async () => {
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'API keys' })
      .click();
    await heading('API keys').waitFor();
    await page.getByLabel('Key name').fill('Help desk portal');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('#new-api-key').textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    await page.getByRole('row', { name: /Help desk portal/ }).waitFor();
    await expectAccessible('API keys');
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('#new-api-key').waitFor({ state: 'detached' });
    expect(await page.getByText(key).count()).toBe(0);

    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await heading('Audit log').waitFor();
    await page.getByLabel('Event').selectOption('group.created');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('cell', { name: 'user.created' }).first().waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'group.created' }).waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('cell', { name: 'user.created' }).first().waitFor();
    await expectAccessible('Audit log');
    await shoot('06-audit-log');
    await signOut();
  });

  it('shows a Pending user the banner that cannot be dismissed, then walks them through the setup wizard', async () => {
    await signIn('agent', AGENT_PASSWORD);
    const banner = page.getByRole('region', { name: 'Two-factor authentication setup' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      'Your admin has enabled two-factor authentication for your account. Set it up now.',
    );
    expect(await banner.getByRole('button').count()).toBe(0);
    await expectAccessible('the home page with the banner');
    await shoot('07-banner');

    await banner.getByRole('link', { name: 'Set it up now.' }).click();
    await page.getByRole('button', { name: 'Get started' }).click();
    await heading('Install an authenticator').waitFor();
    await page.getByText(/browser extension for Chrome and Firefox/).waitFor();
    await expectAccessible('Install an authenticator');
    await page.getByRole('button', { name: 'Skip, I already have one' }).click();

    await heading('Scan the QR code').waitFor();
    await page.locator('.qr svg path').first().waitFor();
    const grouped = (await page.locator('#setup-key').textContent()) ?? '';
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    agentSecret = base32Decode(grouped.replaceAll(' ', ''));
    await expectAccessible('Scan the QR code');
    await shoot('08-scan-qr-code');

    await page.getByRole('button', { name: 'Copy code' }).click();
    await page.getByText('Copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(grouped.replaceAll(' ', ''));

    // A setup left open for more than 10 minutes expires; the page offers a new QR code.
    await page.getByRole('button', { name: 'Next' }).click();
    await heading('Verify configuration').waitFor();
    verifier.clock.advance(11 * 60_000);
    await page.getByLabel('Code from your authenticator').fill(codeNow());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/The setup took more than 10 minutes and has expired/).waitFor();
    await page.getByRole('button', { name: 'Show a new QR code' }).click();
    await heading('Scan the QR code').waitFor();
    const renewed = (await page.locator('#setup-key').textContent()) ?? '';
    expect(renewed).not.toBe(grouped);
    agentSecret = base32Decode(renewed.replaceAll(' ', ''));

    await page.getByRole('button', { name: 'Next' }).click();
    await heading('Verify configuration').waitFor();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Enter the code from your authenticator.').waitFor();
    await page.getByLabel('Code from your authenticator').fill(codeNow());
    await expectAccessible('Verify configuration');
    await page.getByRole('button', { name: 'Confirm' }).click();

    await heading('Setup successful').waitFor();
    await page
      .getByRole('region', { name: 'Two-factor authentication setup' })
      .waitFor({ state: 'detached' });
    await expectAccessible('Setup successful');
    await shoot('09-setup-successful');
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
  });

  it('signs the user in again with their password and the next code', async () => {
    await page.getByRole('link', { name: 'Go to sign in' }).click();
    await heading('Sign in').waitFor();
    await page.getByLabel('Username').fill('agent');
    await page.getByLabel('Password').fill(AGENT_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await heading('Two-factor authentication').waitFor();

    const field = page.getByLabel('Authentication code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    expect(await field.getAttribute('maxlength')).toBe('6');
    await field.pressSequentially('12ab3 4-56789');
    expect(await field.inputValue()).toBe('123456');
    await field.fill('');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Enter the code from your authenticator.').waitFor();
    await expectAccessible('the two-factor page');
    await shoot('10-two-factor-code');

    verifier.clock.advance(STEP_MS);
    await field.fill(codeNow());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await heading('Welcome, Support Agent').waitFor();
    await page.locator('.badge', { hasText: 'Activated' }).waitFor();
    await page
      .getByRole('region', { name: 'Two-factor authentication setup' })
      .waitFor({ state: 'detached' });
    await signOut();
  });

  it('refuses a code that was already used, and a wrong one with the clock help', async () => {
    await signIn('agent', AGENT_PASSWORD);
    await heading('Two-factor authentication').waitFor();
    const field = page.getByLabel('Authentication code');
    await field.fill(codeNow());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('That code has already been used. Wait for the next code.').waitFor();

    await field.fill(wrongCode());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(/That code is not right\. Check your device’s time is set automatically/).waitFor();
    await page.getByText(/switch from Manual to Automatic/).waitFor();
    await expectAccessible('the two-factor page with the clock help');
    await shoot('11-code-refused');

    verifier.clock.advance(STEP_MS);
    await field.fill(codeNow());
    await page.getByRole('button', { name: 'Confirm' }).click();
    await heading('Welcome, Support Agent').waitFor();
    await signOut();
  });

  it('voids the challenge after ten wrong codes and offers the way back to sign in', async () => {
    await signIn('agent', AGENT_PASSWORD);
    await heading('Two-factor authentication').waitFor();
    const field = page.getByLabel('Authentication code');
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      // Step past the growing per-account delay so each wrong code is really checked.
      verifier.clock.advance(20_000);
      await field.fill(wrongCode());
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/code'));
      await page.getByRole('button', { name: 'Confirm' }).click();
      await answer;
      answers.push(await settledCodeAnswer());
    }
    expect(answers).toEqual([
      ...Array(9).fill(expect.stringMatching(/^That code is not right\./)),
      'Too many wrong codes or the sign-in took too long. Sign in again.',
    ]);
    expect(await field.count()).toBe(0);
    await expectAccessible('the two-factor page with a void challenge');
    await page.getByRole('link', { name: 'Back to sign in' }).click();
    await heading('Sign in').waitFor();
    // Let the per-account delay run out before the next sign-in.
    verifier.clock.advance(10 * 60_000);
  });

  it('sends a user whose session has expired back to sign in, saying why', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    await heading('Welcome, Administrator').waitFor();
    await page.getByRole('link', { name: 'Admin console' }).first().click();
    await page.getByRole('link', { name: 'Support Agent' }).waitFor();
    verifier.clock.advance(9 * 60 * 60_000);
    await page
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await heading('Sign in').waitFor();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('fits a 360-pixel-wide phone screen and follows a dark system theme', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    const small = await phone.newPage();
    await small.goto(url('/sign-in'));
    await small.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const background = await small.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 246, 249)');
    await small.getByLabel('Username').fill('agent');
    await small.getByLabel('Password').fill(AGENT_PASSWORD);
    await small.getByRole('button', { name: 'Sign in' }).click();
    await small.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
    expect(
      await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await small.getByLabel('Authentication code').fill('123');
    expect(await seriousAccessibilityProblems(small), 'axe-core on the dark two-factor page').toEqual([]);
    await small.screenshot({ path: `${screenshots}12-two-factor-phone-dark.png`, fullPage: true });

    // The admin console on a phone: tabs wrap, wide tables scroll inside their own box.
    await small.getByRole('link', { name: 'Back to sign in' }).click();
    await small.getByLabel('Username').fill('admin');
    await small.getByLabel('Password').fill(ADMIN_PASSWORD);
    await small.getByRole('button', { name: 'Sign in' }).click();
    await small.getByRole('link', { name: 'Admin console' }).first().click();
    await small.getByRole('columnheader', { name: '2FA status' }).waitFor();
    expect(
      await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityProblems(small), 'axe-core on the dark Users page').toEqual([]);
    await small.screenshot({ path: `${screenshots}13-users-phone-dark.png`, fullPage: true });
    await phone.close();
    expect(cspViolations).toEqual([]);
  });
});
