import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { outboxMessages } from '../test-support/browser/outbox.ts';
import { usePagesSession } from '../test-support/browser/pages-session.ts';

// The admin imports users from CSV (a refused file first, then a preview and Apply), gives one of them
// e-mailed codes and a password, edits the notification template; that user then signs in with the
// code from the .eml file the verifier wrote to its outbox (no SMTP server configured).

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const ERIN_PASSWORD = 'erin correct horse battery';
const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('e-mailed codes and CSV import in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD);

  /** The code in the newest .eml of the outbox, once it holds `count` messages. */
  async function latestCode(count: number): Promise<string> {
    const codes = await outboxMessages(s.verifier.outbox, /sign-in code/i);
    expect(codes).toHaveLength(count);
    const mail = codes.at(-1) as ParsedMail;
    expect(mail.subject).toBe('Sign-in code for Verifier');
    const code = /your code is (\d{6})\./.exec(mail.text ?? '')?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    return code;
  }

  async function chooseCsv(name: string, text: string) {
    await s.page
      .getByLabel('Import CSV')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }

  it('lets the admin turn on 2FA with e-mailed codes', async () => {
    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await s.page.goto(s.url('/admin/settings'));
    await s.heading('System Settings').waitFor();
    await s.page.getByText(/days left/).waitFor();
    await s.page.getByRole('switch', { name: '2FA enabled' }).check();
    await s.page.getByLabel('Code sent by e-mail').check();
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Settings saved.').waitFor();
    await s.expectAccessible('System Settings with the grace period');
  });

  it('refuses a CSV with bad rows, listing them, then previews and applies a good one', async () => {
    await s.nav('Users');
    await s.heading('Users').waitFor();
    await chooseCsv(
      'bad.csv',
      `${HEADER}\nerin,erin@example.test,Erin,Agent,local,maybe\nfred,fred@,Fred,Nobody,local,n\n`,
    );
    await s.page.getByRole('heading', { name: 'Problems in bad.csv' }).waitFor();
    const problems = await s.page.locator('#import-errors li').allTextContents();
    expect(problems).toEqual([
      'Row 2 (2FA enabled): "2FA Enabled" must be y or n, not "maybe".',
      'Row 3 (e-mail): "fred@" is not a valid e-mail address.',
      'Row 3 (group): There is no group named "Nobody".',
    ]);
    await s.page.getByText('nothing was imported').waitFor();
    expect(await s.page.getByRole('link', { name: 'Erin' }).count()).toBe(0);

    await chooseCsv(
      'users.csv',
      `\uFEFF${HEADER}\r\nerin,erin@example.test,Erin,Agent,local,y\r\n"gail","gail@example.test","Gail, Night",Analyst,sso,n\r\n`,
    );
    await s.page.getByRole('heading', { name: 'Preview of users.csv' }).waitFor();
    expect(await s.page.locator('#import-summary').textContent()).toContain('2 to create, 0 to update');
    expect(await s.page.locator('#import-changes li').allTextContents()).toEqual([
      'Row 2: new user erin in Agent, 2FA on',
      'Row 3: new user gail in Analyst, 2FA off',
    ]);
    await s.expectAccessible('the import preview');
    await s.shoot('14-users-import-preview');
    expect(await s.page.getByRole('link', { name: 'Erin' }).count()).toBe(0);
    await s.page.getByRole('button', { name: 'Apply' }).click();
    await s.page.getByText('Imported users.csv: 2 created, 0 updated, 0 unchanged.').waitFor();
    await s.page.getByRole('row', { name: /Erin/ }).getByText('Pending').waitFor();
    // Imported users have no password: the table says so rather than leave "Wrong password" to explain it.
    await s.page.getByRole('row', { name: /Erin/ }).getByText('No password yet').waitFor();
  });

  it('gives the imported user e-mailed codes and a password: Pending until a code confirms the address', async () => {
    await s.page.getByRole('link', { name: 'Erin' }).click();
    await s.heading('Edit user').waitFor();
    await s.page.getByLabel('How the user receives codes').selectOption('email');
    await s.page.getByText(/No password yet: this user cannot sign in/).waitFor();
    await s.page.getByLabel('Set a password (this user has none yet)').fill(ERIN_PASSWORD);
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Changes saved.').waitFor();
    await s.page.locator('.badge', { hasText: 'Pending' }).waitFor();
    await s.page.getByText(/Their e-mail address is not confirmed yet/).waitFor();
    expect(await s.page.getByLabel('How the user receives codes').inputValue()).toBe('email');
    await s.shoot('20-edit-user-email-pending');
    // An e-mail user stranded by the hourly limits can be given a code at once.
    await s.page.getByRole('button', { name: 'Clear e-mail limit' }).click();
    await s.page.getByText('erin can be sent a code again now.').waitFor();
    await s.page.getByLabel('New password').waitFor();
    expect(await s.page.getByText(/No password yet/).count()).toBe(0);
  });

  it('edits the notification template with a preview of the HTML made from the text', async () => {
    await s.nav('Notification template');
    await s.heading('Notification template').waitFor();
    await s.page.getByText('{{displayName}}').first().waitFor();
    await s.page.getByLabel('Subject').fill('Sign-in code for {{organisation}}');
    // One body: no separate HTML body to forget.
    expect(await s.page.getByLabel(/HTML body/).count()).toBe(0);
    await s.page
      .getByLabel('Plain-text body')
      .fill('Hello {{displayName}}, your code is {{code}}.\n\nHelp: https://help.example.test <b>');
    await s.page.getByRole('button', { name: 'Preview' }).click();
    // The HTML part is rendered, not shown as source, in a frame that may run no script.
    const frame = s.page.locator('iframe#preview-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    const html = s.page.frameLocator('iframe#preview-html');
    await html.locator('strong', { hasText: '123456' }).waitFor();
    expect(await html.locator('p').first().textContent()).toBe('Hello Jo Smith, your code is 123456.');
    expect(await html.getByRole('link', { name: 'https://help.example.test' }).count()).toBe(1);
    expect(await html.locator('p').last().textContent()).toBe('Help: https://help.example.test <b>');
    await s.page.locator('#preview-text', { hasText: 'Hello Jo Smith, your code is 123456.' }).waitFor();
    expect(await s.page.getByText('<!doctype html>').count()).toBe(0);
    expect(s.cspViolations).toEqual([]);
    await s.page.getByLabel('Plain-text body').fill('Hello {{firstName}}');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText(/unknown merge field \{\{firstName\}\}/).waitFor();
    await s.page.getByLabel('Plain-text body').fill('Hello {{displayName}}, your code is {{code}}.');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Template saved. Sign-in codes are sent with it from now on.').waitFor();
    await s.page.getByRole('button', { name: 'Preview' }).click();
    await s.page
      .frameLocator('iframe#preview-html')
      .getByText('Hello Jo Smith, your code is 123456.')
      .waitFor();
    await s.expectAccessible('the notification template');
    // A full-page capture leaves the sandboxed frame blank: make the window as tall as the page.
    const height = await s.page.evaluate(() => document.documentElement.scrollHeight);
    await s.page.setViewportSize({ width: 1200, height });
    await s.shoot('15-notification-template');
    await s.page.setViewportSize({ width: 1200, height: 800 });
    await s.page.getByRole('button', { name: 'Sign out' }).click();
    await s.heading('Sign in').waitFor();
  });

  it('confirms the address with the first e-mailed code at sign-in, refusing a wrong one first', async () => {
    await s.page.clock.install();
    await s.signIn('erin', ERIN_PASSWORD);
    await s.heading('Set up e-mailed codes').waitFor();
    await s.page
      .getByText('We sent a code to e…@example.test. Type it here to finish setting up e-mailed codes.', {
        exact: false,
      })
      .waitFor();
    await s.expectAccessible('the e-mail confirmation page');
    await s.shoot('21-email-confirmation');
    const code = await latestCode(1);

    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText('Enter the code from the e-mail.').waitFor();
    await s.page.getByLabel('Verification code').fill(code === '000000' ? '000001' : '000000');
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText('That code is not right. Check the latest e-mail and try again.').waitFor();
    const resend = s.page.getByRole('button', { name: 'Resend' });
    await resend.click();
    // The wait counts down, and Resend stays off until it is over.
    const wait = s.page.getByText(/Wait (1 minute|\d+ seconds?) before asking for another one/);
    const first = await wait.textContent();
    expect(await resend.isDisabled()).toBe(true);
    await s.page.clock.fastForward(2_000);
    await expect.poll(() => wait.textContent()).not.toBe(first);
    s.verifier.clock.advance(61_000);
    await s.page.clock.fastForward(61_000);
    await expect.poll(() => resend.isEnabled()).toBe(true);
    expect(await wait.count()).toBe(0);
    await resend.click();
    await s.page.getByText('A new e-mail has been sent. Enter the code from the latest e-mail.').waitFor();
    const newCode = await latestCode(2);
    if (newCode !== code) {
      await s.page.getByLabel('Verification code').fill(code);
      await s.page.getByRole('button', { name: 'Confirm' }).click();
      await s.page.getByText('That code is not right. Check the latest e-mail and try again.').waitFor();
    }
    await s.page.getByLabel('Verification code').fill(newCode);
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Erin').waitFor();
  });

  it('asks a confirmed e-mail user for the e-mailed code at the next sign-in', async () => {
    await s.signOut();
    s.verifier.clock.advance(61_000);
    await s.signIn('erin', ERIN_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    await s.page.getByText(/code we sent to your e-mail address/).waitFor();
    await s.expectAccessible('the e-mail code page');
    await s.shoot('16-email-code');
    await s.page.getByLabel('Verification code').fill(await latestCode(3));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Erin').waitFor();
  });
});
