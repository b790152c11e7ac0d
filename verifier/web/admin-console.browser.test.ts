import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../extension/test-support/browsers.ts';
import { seriousAccessibilityProblems } from './browser/chromium.ts';
import { horizontalOverflow, openPagesSession, type PagesSession } from './browser/pages-session.ts';

// The admin's story through the real pages, a real verifier on a temporary SQLite file and Debian's
// Chromium: first sign-in, 2FA on system-wide and for a user, a custom group, API keys, the audit
// log, an expiring session and the console on a phone. Every page passes an axe-core check.
// The user's side of the story is in two-factor-sign-in.browser.test.ts.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const AGENT_PASSWORD = 'agent correct horse battery';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('admin console in Chromium', () => {
  let session: PagesSession;
  let page: Page;
  let verifier: PagesSession['verifier'];
  let url: PagesSession['url'];
  let heading: PagesSession['heading'];
  let nav: PagesSession['nav'];
  let shoot: PagesSession['shoot'];
  let expectAccessible: PagesSession['expectAccessible'];
  let signIn: PagesSession['signIn'];
  let signOut: PagesSession['signOut'];

  beforeAll(async () => {
    session = await openPagesSession(FIRST_ADMIN_PASSWORD);
    ({ page, verifier, url, heading, nav, shoot, expectAccessible, signIn, signOut } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

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

    await session.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await expectAccessible('the home page');
  });

  it('lets the admin enable 2FA system-wide, after which the Users table shows the 2FA status column', async () => {
    await page.getByRole('link', { name: 'Admin console' }).first().click();
    await page.getByRole('link', { name: 'Administrator' }).waitFor();
    expect(await page.getByRole('columnheader', { name: '2FA status' }).count()).toBe(0);

    await nav('System Settings');
    await heading('System Settings').waitFor();
    const systemSwitch = page.getByRole('switch', { name: '2FA enabled' });
    expect(await systemSwitch.isChecked()).toBe(false);
    await systemSwitch.check();
    await page.getByLabel('Organisation name').fill('Example Support');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    await expectAccessible('System Settings');
    await shoot('02-system-settings');

    await nav('Users');
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
    await nav('Security Access Groups');
    await heading('Security Access Groups').waitFor();
    await page.getByLabel('Group name').fill('Night shift');
    await page.getByRole('button', { name: 'Create group' }).click();
    const groupSwitch = page.getByRole('switch', { name: 'Enable 2FA for Night shift' });
    await groupSwitch.waitFor();
    expect(await groupSwitch.isChecked()).toBe(false);
    expect(await page.getByRole('switch').count()).toBe(1);
    await expectAccessible('Security Access Groups');
    await shoot('05-security-access-groups');

    await nav('Users');
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

    await nav('Security Access Groups');
    await page.getByRole('switch', { name: 'Enable 2FA for Night shift' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The group is saved.').waitFor();
    await nav('Users');
    await page.getByRole('link', { name: 'Shift Lead' }).click();
    await heading('Edit user').waitFor();
    expect(await page.getByLabel('2FA enabled').isChecked()).toBe(false);
    await page.getByRole('link', { name: 'Cancel' }).click();
    await heading('Users').waitFor();
  });

  it('creates an API key shown only once, and lists the audit log with filters', async () => {
    await nav('API keys');
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

    await nav('Audit log');
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

  it('sends a user whose session has expired back to sign in, saying why', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    await heading('Welcome, Administrator').waitFor();
    await page.getByRole('link', { name: 'Admin console' }).first().click();
    await page.getByRole('link', { name: 'Support Agent' }).waitFor();
    verifier.clock.advance(9 * 60 * 60_000);
    await nav('Audit log');
    await heading('Sign in').waitFor();
    await page.getByText('Your session has ended. Sign in again.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('fits a 360-pixel-wide phone screen and follows a dark system theme', async () => {
    const small = await session.openPhone();
    await small.goto(session.url('/sign-in'));
    await small.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    const background = await small.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 246, 249)');
    await session.expectAccessible('the dark sign-in page', small);

    // The admin console on a phone: tabs wrap, wide tables scroll inside their own box.
    await session.signIn('admin', ADMIN_PASSWORD, small);
    await small.getByRole('link', { name: 'Admin console' }).first().click();
    await small.getByRole('columnheader', { name: '2FA status' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await session.expectAccessible('the dark Users page', small);
    await session.shoot('13-users-phone-dark', small);
    await small.context().close();
    expect(session.cspViolations).toEqual([]);
  });
});
