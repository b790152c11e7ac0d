import { describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { seriousAccessibilityProblems } from '../test-support/browser/chromium.ts';
import { horizontalOverflow, usePagesSession } from '../test-support/browser/pages-session.ts';

// The admin's story through the real pages, a real verifier on a temporary SQLite file and Debian's
// Chromium: first sign-in, 2FA on system-wide and for a user, a custom group, API keys, the audit
// log, an expiring session and the console on a phone. Every page passes an axe-core check.
// The user's side of the story is in two-factor-sign-in.browser.test.ts.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const AGENT_PASSWORD = 'agent correct horse battery';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('admin console in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD);

  it('makes the first admin choose a new password before anything else', async () => {
    const response = await s.page.goto(s.url('/'));
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    await s.heading('Sign in').waitFor();
    await s.expectAccessible('the sign-in page');
    await s.shoot('01-sign-in');
    // The check itself can fail: a field without a label is reported.
    await s.page.evaluate(() => document.querySelector('main')?.append(document.createElement('input')));
    expect((await seriousAccessibilityProblems(s.page)).map((problem) => problem.id)).toContain('label');
    await s.page.reload();
    await s.heading('Sign in').waitFor();

    // Keyboard only: the skip link, the home link, each field and the button, each with a visible focus ring.
    const focused = () =>
      s.page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { name: element.textContent?.trim() || element.id, outline: style.outlineStyle };
      });
    const order: string[] = [];
    for (let press = 0; press < 5; press++) {
      await s.page.keyboard.press('Tab');
      const now = await focused();
      expect(now.outline, `focus ring on ${now.name}`).not.toBe('none');
      order.push(now.name);
    }
    expect(order).toEqual(['Skip to content', 'Verifier', 'username', 'password', 'Sign in']);

    await s.signIn('admin', 'not the password');
    await expect(s.page.getByText('Wrong username or password.').textContent()).resolves.toBeTruthy();

    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await s.expectAccessible('the home page');
  });

  it('lets the admin enable 2FA system-wide, after which the Users table shows the 2FA status column', async () => {
    await s.page.getByRole('link', { name: 'Admin console' }).first().click();
    await s.page.getByRole('link', { name: 'Administrator' }).waitFor();
    expect(await s.page.getByRole('columnheader', { name: '2FA status' }).count()).toBe(0);

    await s.nav('System Settings');
    await s.heading('System Settings').waitFor();
    const systemSwitch = s.page.getByRole('switch', { name: '2FA enabled' });
    expect(await systemSwitch.isChecked()).toBe(false);
    await systemSwitch.check();
    await s.page.getByLabel('Organisation name').fill('Example Support');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Settings saved.').waitFor();
    await s.expectAccessible('System Settings');
    await s.shoot('02-system-settings');

    await s.nav('Users');
    await s.page.getByRole('columnheader', { name: '2FA status' }).waitFor();
  });

  it('warns before leaving System Settings with unsaved changes and asks before turning 2FA off', async () => {
    await s.nav('System Settings');
    await s.heading('System Settings').waitFor();
    await s.page.getByLabel('Organisation name').fill('Example Support Desk');
    // Leaving through the navigation asks first; staying keeps the edit.
    let asked = '';
    s.page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await s.nav('Users');
    expect(asked).toMatch(/unsaved/i);
    await s.heading('System Settings').waitFor();
    expect(await s.page.getByLabel('Organisation name').inputValue()).toBe('Example Support Desk');
    // The browser's Back button asks too; staying keeps the page, its address and the edit.
    const settingsUrl = s.page.url();
    let backAsked = s.page.waitForEvent('dialog');
    await s.page.evaluate(() => history.back());
    let dialog = await backAsked;
    expect(dialog.message()).toMatch(/unsaved/i);
    await dialog.dismiss();
    await expect.poll(() => s.page.url()).toBe(settingsUrl);
    await s.heading('System Settings').waitFor();
    expect(await s.page.getByLabel('Organisation name').inputValue()).toBe('Example Support Desk');
    // Closing the tab asks through the browser's own beforeunload question; dismissing keeps it open.
    const closeAsked = s.page.waitForEvent('dialog');
    await s.page.close({ runBeforeUnload: true });
    dialog = await closeAsked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    expect(s.page.isClosed()).toBe(false);
    // Leaving by Back once the question is accepted goes where Back leads.
    backAsked = s.page.waitForEvent('dialog');
    await s.page.evaluate(() => history.back());
    await (await backAsked).accept();
    await s.page.getByRole('columnheader', { name: '2FA status' }).waitFor();
    await s.page.evaluate(() => history.forward());
    await s.heading('System Settings').waitFor();
    await s.page.getByLabel('Organisation name').fill('Example Support');

    // Turning 2FA off for everyone needs a confirmation on the page; Cancel saves nothing.
    const systemSwitch = s.page.getByRole('switch', { name: '2FA enabled' });
    await systemSwitch.uncheck();
    await s.page.getByRole('button', { name: 'Save' }).click();
    const confirm = s.page.getByRole('dialog', { name: 'Turn 2FA off for everyone?' });
    await confirm.waitFor();
    await s.expectAccessible('the confirmation to turn 2FA off');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await s.page.getByText('Settings saved.').count()).toBe(0);
    await s.page.reload();
    await s.heading('System Settings').waitFor();
    expect(await s.page.getByRole('switch', { name: '2FA enabled' }).isChecked()).toBe(true);
    // Confirming saves it; turning it on again asks nothing.
    await s.page.getByRole('switch', { name: '2FA enabled' }).uncheck();
    await s.page.getByRole('button', { name: 'Save' }).click();
    await confirm.getByRole('button', { name: 'Turn 2FA off and save' }).click();
    await s.page.getByText('Settings saved.').waitFor();
    await s.page.getByRole('switch', { name: '2FA enabled' }).check();
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Settings saved.').waitFor();
    expect(await confirm.count()).toBe(0);
    // System Settings leads to the message that carries e-mailed codes.
    await s.page.getByRole('link', { name: 'Notification template' }).last().click();
    await s.heading('Notification template').waitFor();
    await s.nav('Users');
  });

  it('adds a user and turns 2FA on for them on the Edit user page, making them Pending', async () => {
    await s.page.getByRole('link', { name: 'Add user' }).click();
    await s.heading('Add user').waitFor();
    await s.page.getByLabel('Username').fill('agent');
    await s.page.getByLabel('Display name').fill('Support Agent');
    await s.page.getByLabel('E-mail').fill('agent@example.test');
    await s.page.getByLabel('Security access group').selectOption({ label: 'Agent' });
    await s.page.getByLabel('Password').fill(AGENT_PASSWORD);
    await s.expectAccessible('Add user');
    await s.page.getByRole('button', { name: 'Add user' }).click();
    await s.heading('Users').waitFor();
    const agentRow = s.page.getByRole('row', { name: /Support Agent/ });
    await expect(agentRow.getByText('Disabled').textContent()).resolves.toBe('Disabled');

    await s.page.getByRole('link', { name: 'Support Agent' }).click();
    await s.heading('Edit user').waitFor();
    await s.page.getByText(/Lost device\? Turn 2FA enabled off and save, then turn it on again/).waitFor();
    await s.page.getByLabel('2FA enabled').check();
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Changes saved.').waitFor();
    await s.page.locator('.badge', { hasText: 'Pending' }).waitFor();
    await s.page
      .getByText(/2FA enabled is on for this user, and their group and System Settings allow it/)
      .waitFor();
    await s.expectAccessible('Edit user');
    await s.shoot('04-edit-user');

    await s.page.getByRole('link', { name: 'Cancel' }).click();
    await expect(agentRow.getByText('Pending').textContent()).resolves.toBe('Pending');
  });

  it('shows an SSO user as Disabled because of single sign-on, with no 2FA switch or lost-device advice', async () => {
    await s.page.getByRole('link', { name: 'Add user' }).click();
    await s.page.getByLabel('Username').fill('ssouser');
    await s.page.getByLabel('Display name').fill('Single Sign-on User');
    await s.page.getByLabel('Sign-in source').selectOption('sso');
    expect(await s.page.getByLabel('2FA enabled').count()).toBe(0);
    await s.page.getByRole('button', { name: 'Add user' }).click();
    await s.heading('Users').waitFor();
    await s.page.getByRole('link', { name: 'Single Sign-on User' }).click();
    await s.heading('Edit user').waitFor();
    await s.page.getByText(/signs in through single sign-on, so they are never asked for a code/).waitFor();
    await s.page.locator('.badge', { hasText: 'Disabled' }).waitFor();
    expect(await s.page.getByLabel('2FA enabled').count()).toBe(0);
    expect(await s.page.getByText(/Lost device/).count()).toBe(0);
    await s.expectAccessible('Edit user of an SSO user');
    await s.page.getByRole('link', { name: 'Cancel' }).click();
    await s.heading('Users').waitFor();
  });

  it('creates a custom group with 2FA off, so its members show Disabled and their 2FA switch is hidden', async () => {
    await s.nav('Security Access Groups');
    await s.heading('Security Access Groups').waitFor();
    await s.page.getByLabel('Group name').fill('Night shift');
    await s.page.getByRole('button', { name: 'Create group' }).click();
    const groupSwitch = s.page.getByRole('switch', { name: 'Enable 2FA for Night shift' });
    await groupSwitch.waitFor();
    expect(await groupSwitch.isChecked()).toBe(false);
    expect(await s.page.getByRole('switch').count()).toBe(1);
    await s.expectAccessible('Security Access Groups');
    await s.shoot('05-security-access-groups');

    await s.nav('Users');
    await s.page.getByRole('link', { name: 'Add user' }).click();
    await s.page.getByLabel('Username').fill('shiftlead');
    await s.page.getByLabel('Display name').fill('Shift Lead');
    await s.page.getByLabel('Security access group').selectOption({ label: 'Night shift' });
    await s.page.getByText(/The Night shift group does not allow two-factor authentication/).waitFor();
    expect(await s.page.getByLabel('2FA enabled').count()).toBe(0);
    await s.page.getByLabel('Password').fill('shift lead correct horse battery');
    await s.page.getByRole('button', { name: 'Add user' }).click();
    await s.heading('Users').waitFor();
    const leadRow = s.page.getByRole('row', { name: /Shift Lead/ });
    await expect(leadRow.getByText('Disabled').textContent()).resolves.toBe('Disabled');
    await s.expectAccessible('Users');
    await s.shoot('03-users');

    await s.nav('Security Access Groups');
    await s.page.getByRole('switch', { name: 'Enable 2FA for Night shift' }).check();
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('The group is saved.').waitFor();
    await s.nav('Users');
    await s.page.getByRole('link', { name: 'Shift Lead' }).click();
    await s.heading('Edit user').waitFor();
    expect(await s.page.getByLabel('2FA enabled').isChecked()).toBe(false);
    await s.page.getByRole('link', { name: 'Cancel' }).click();
    await s.heading('Users').waitFor();
  });

  it('creates an API key shown only once, and lists the audit log with filters', async () => {
    await s.nav('API keys');
    await s.heading('API keys').waitFor();
    await s.page.getByLabel('Key name').fill('Help desk portal');
    await s.page.getByRole('button', { name: 'Create key' }).click();
    const key = (await s.page.locator('#new-api-key').textContent()) ?? '';
    expect(key.length).toBeGreaterThan(20);
    await s.page.getByRole('row', { name: /Help desk portal/ }).waitFor();
    await s.expectAccessible('API keys');
    await s.page.getByRole('button', { name: 'Done' }).click();
    await s.page.locator('#new-api-key').waitFor({ state: 'detached' });
    expect(await s.page.getByText(key).count()).toBe(0);

    // Revoking asks once in place; Keep leaves the key working, Revoke now ends it for the API.
    const verify = () =>
      fetch(s.url('/api/v1/verify'), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', code: '123456' }),
      });
    expect((await verify()).status).toBe(200);
    await s.page.getByRole('button', { name: 'Revoke Help desk portal' }).click();
    await s.page.getByRole('button', { name: 'Keep' }).click();
    await s.page.getByRole('button', { name: 'Revoke Help desk portal' }).click();
    await s.page.getByRole('button', { name: 'Confirm revoking Help desk portal' }).click();
    await s.page.getByText('Key Help desk portal is revoked.', { exact: false }).waitFor();
    await s.page.getByRole('row', { name: /Help desk portal.*Revoked/ }).waitFor();
    expect((await verify()).status).toBe(401);

    await s.nav('Audit log');
    await s.heading('Audit log').waitFor();
    await s.page.getByLabel('Event').selectOption('group.created');
    await s.page.getByRole('button', { name: 'Filter' }).click();
    await s.page.getByRole('cell', { name: 'user.created' }).first().waitFor({ state: 'detached' });
    await s.page.getByRole('cell', { name: 'group.created' }).waitFor();
    await s.page.getByRole('button', { name: 'Clear' }).click();
    await s.page.getByRole('cell', { name: 'user.created' }).first().waitFor();
    await s.expectAccessible('Audit log');
    await s.shoot('06-audit-log');
    await s.signOut();
  });

  it('sends a user whose session has expired back to sign in, saying why', async () => {
    await s.signIn('admin', ADMIN_PASSWORD);
    await s.heading('Welcome, Administrator').waitFor();
    await s.page.getByRole('link', { name: 'Admin console' }).first().click();
    await s.page.getByRole('link', { name: 'Support Agent' }).waitFor();
    s.verifier.clock.advance(9 * 60 * 60_000);
    await s.nav('Audit log');
    await s.heading('Sign in').waitFor();
    await s.page.getByText('Your session has ended. Sign in again.').waitFor();
    expect(new URL(s.page.url()).pathname).toBe('/sign-in');
  });

  it('fits a 360-pixel-wide phone screen and follows a dark system theme', async () => {
    const small = await s.openPhone();
    await small.goto(s.url('/sign-in'));
    await small.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    const background = await small.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 246, 249)');
    await s.expectAccessible('the dark sign-in page', small);

    // The admin console on a phone: tabs wrap, wide tables scroll inside their own box.
    await s.signIn('admin', ADMIN_PASSWORD, small);
    await small.getByRole('link', { name: 'Admin console' }).first().click();
    await small.getByRole('columnheader', { name: '2FA status' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    await s.expectAccessible('the dark Users page', small);
    await s.shoot('13-users-phone-dark', small);
    await small.context().close();
    expect(s.cspViolations).toEqual([]);
  });
});
