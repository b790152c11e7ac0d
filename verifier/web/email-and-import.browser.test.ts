import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../extension/test-support/browsers.ts';
import { openPagesSession, type PagesSession } from './browser/pages-session.ts';

// The admin imports users from CSV (a refused file first, then a preview and Apply), gives one of them
// e-mailed codes and a password, edits the notification template; that user then signs in with the
// code from the .eml file the verifier wrote to its outbox (no SMTP server configured).

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const ERIN_PASSWORD = 'erin correct horse battery';
const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('e-mailed codes and CSV import in Chromium', () => {
  let session: PagesSession;
  let page: Page;
  let verifier: PagesSession['verifier'];
  let url: PagesSession['url'];
  let heading: PagesSession['heading'];
  let nav: PagesSession['nav'];
  let shoot: PagesSession['shoot'];
  let expectAccessible: PagesSession['expectAccessible'];
  let signIn: PagesSession['signIn'];

  beforeAll(async () => {
    session = await openPagesSession(FIRST_ADMIN_PASSWORD);
    ({ page, verifier, url, heading, nav, shoot, expectAccessible, signIn } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The code in the newest .eml of the outbox, once it holds `count` messages. */
  async function latestCode(count: number): Promise<string> {
    const files = (await readdir(verifier.outbox)).filter((name) => name.endsWith('.eml')).sort();
    expect(files).toHaveLength(count);
    const mail = await simpleParser(await readFile(join(verifier.outbox, files.at(-1) as string)));
    expect(mail.subject).toBe('Sign-in code for Verifier');
    const code = /your code is (\d{6})\./.exec(mail.text ?? '')?.[1] as string;
    expect(code).toMatch(/^\d{6}$/);
    return code;
  }

  async function chooseCsv(name: string, text: string) {
    await page
      .getByLabel('Import CSV')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  }

  it('lets the admin turn on 2FA with e-mailed codes', async () => {
    await session.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await page.goto(url('/admin/settings'));
    await heading('System Settings').waitFor();
    await page.getByText(/days left/).waitFor();
    await page.getByRole('switch', { name: '2FA enabled' }).check();
    await page.getByLabel('Code sent by e-mail').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved.').waitFor();
    await expectAccessible('System Settings with the grace period');
  });

  it('refuses a CSV with bad rows, listing them, then previews and applies a good one', async () => {
    await nav('Users');
    await heading('Users').waitFor();
    await chooseCsv(
      'bad.csv',
      `${HEADER}\nerin,erin@example.test,Erin,Agent,local,maybe\nfred,fred@,Fred,Nobody,local,n\n`,
    );
    await page.getByRole('heading', { name: 'Problems in bad.csv' }).waitFor();
    const problems = await page.locator('#import-errors li').allTextContents();
    expect(problems).toEqual([
      'Row 2 (2FA enabled): "2FA Enabled" must be y or n, not "maybe".',
      'Row 3 (e-mail): "fred@" is not a valid e-mail address.',
      'Row 3 (group): There is no group named "Nobody".',
    ]);
    await page.getByText('nothing was imported').waitFor();
    expect(await page.getByRole('link', { name: 'Erin' }).count()).toBe(0);

    await chooseCsv(
      'users.csv',
      `\uFEFF${HEADER}\r\nerin,erin@example.test,Erin,Agent,local,y\r\n"gail","gail@example.test","Gail, Night",Analyst,sso,n\r\n`,
    );
    await page.getByRole('heading', { name: 'Preview of users.csv' }).waitFor();
    expect(await page.locator('#import-summary').textContent()).toContain('2 to create, 0 to update');
    expect(await page.locator('#import-changes li').allTextContents()).toEqual([
      'Row 2: new user erin in Agent, 2FA on',
      'Row 3: new user gail in Analyst, 2FA off',
    ]);
    await expectAccessible('the import preview');
    await shoot('14-users-import-preview');
    expect(await page.getByRole('link', { name: 'Erin' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Imported users.csv: 2 created, 0 updated, 0 unchanged.').waitFor();
    await page.getByRole('row', { name: /Erin/ }).getByText('Pending').waitFor();
  });

  it('gives the imported user e-mailed codes and a password; they need no QR setup', async () => {
    await page.getByRole('link', { name: 'Erin' }).click();
    await heading('Edit user').waitFor();
    await page.getByLabel('How the user receives codes').selectOption('email');
    await page.getByLabel('New password').fill(ERIN_PASSWORD);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.locator('.badge', { hasText: 'Activated' }).waitFor();
  });

  it('edits the notification template with a preview', async () => {
    await nav('Notification template');
    await heading('Notification template').waitFor();
    await page.getByText('{{displayName}}').first().waitFor();
    await page.getByLabel('Subject').fill('Sign-in code for {{organisation}}');
    await page.getByLabel('Plain-text body').fill('Hello {{displayName}}, your code is {{code}}.');
    await page.getByLabel('HTML body (optional)').fill('');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Hello Jo Smith, your code is 123456.').waitFor();
    await page.getByLabel('Plain-text body').fill('Hello {{firstName}}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/unknown merge field \{\{firstName\}\}/).waitFor();
    await page.getByLabel('Plain-text body').fill('Hello {{displayName}}, your code is {{code}}.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Template saved. Sign-in codes are sent with it from now on.').waitFor();
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Hello Jo Smith, your code is 123456.').waitFor();
    await expectAccessible('the notification template');
    await shoot('15-notification-template');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in').waitFor();
  });

  it('signs the user in with the code from the e-mail, refusing a wrong one first', async () => {
    await signIn('erin', ERIN_PASSWORD);
    await heading('Two-factor authentication').waitFor();
    await page.getByText(/code we sent to your e-mail address/).waitFor();
    await expectAccessible('the e-mail code page');
    const code = await latestCode(1);

    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Enter the code from the e-mail.').waitFor();
    await page.getByLabel('Verification code').fill(code === '000000' ? '000001' : '000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('That code is not right. Check the latest e-mail and try again.').waitFor();
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.getByText(/Wait \d+ seconds before asking for another one/).waitFor();
    verifier.clock.advance(61_000);
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.getByText('A new e-mail has been sent. Enter the code from the latest e-mail.').waitFor();
    await shoot('16-email-code');
    const newCode = await latestCode(2);
    if (newCode !== code) {
      await page.getByLabel('Verification code').fill(code);
      await page.getByRole('button', { name: 'Confirm' }).click();
      await page.getByText('That code is not right. Check the latest e-mail and try again.').waitFor();
    }
    await page.getByLabel('Verification code').fill(newCode);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await heading('Welcome, Erin').waitFor();
  });
});
