import type { ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { outboxMessages } from '../test-support/browser/outbox.ts';
import { horizontalOverflow, usePagesSession } from '../test-support/browser/pages-session.ts';

// A user with e-mailed codes remembers this browser on the code page, signs in again with the
// password alone, finds the device on their security page and revokes it (only with the current
// password), after which the code is asked again; on a 360 px phone they end the desktop session.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const MIA_PASSWORD = 'mia correct horse battery';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('remember this device and the security page in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD);
  let mails = 0;

  beforeAll(async () => {
    const { db, clock } = s.verifier;
    await updateSettings(
      db,
      { twoFactorEnabled: true, methods: ['totp', 'email'], organisationName: 'Example Support' },
      { at: clock.now(), actor: 'test' },
    );
    const agents = await findGroupByName(db, 'Agent');
    if (!agents) throw new Error('The default Agent group is missing.');
    const mia = await createUser(
      db,
      {
        username: 'mia',
        email: 'mia@example.test',
        displayName: 'Mia',
        groupId: agents.id,
        source: 'local',
        password: MIA_PASSWORD,
        twoFactorEnabled: true,
        method: 'email',
      },
      clock.now(),
    );
    // Her address was confirmed at an earlier sign-in: she is Activated with e-mailed codes.
    await db
      .updateTable('users')
      .set({ email_confirmed: 'mia@example.test' })
      .where('id', '=', mia.id)
      .execute();
  });

  /** The code of the next e-mail: it is in the outbox before the code page opens. */
  async function nextCode(): Promise<string> {
    mails += 1;
    const codes = await outboxMessages(s.verifier.outbox, /sign-in code/i);
    expect(codes).toHaveLength(mails);
    const mail = codes.at(-1) as ParsedMail;
    return /sign-in code is: (\d{6})/.exec(mail.text ?? '')?.[1] as string;
  }

  async function signInWithCode(page: Page, remember: boolean) {
    await s.signIn('mia', MIA_PASSWORD, page);
    await page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
    await page.getByLabel('Verification code').fill(await nextCode());
    if (remember) await page.getByLabel('Remember this device').check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Mia' }).waitFor();
  }

  it('lets the admin allow remembering a device for 14 days in System Settings', async () => {
    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await s.page.goto(s.url('/admin/settings'));
    await s.heading('System Settings').waitFor();
    await s.page.getByRole('switch', { name: 'Let users remember a device' }).check();
    await s.page.getByLabel('Days a device is remembered (1 to 30)').fill('45');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('A device is remembered for a whole number of days from 1 to 30.').waitFor();
    await s.page.getByLabel('Days a device is remembered (1 to 30)').fill('14');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Settings saved.').waitFor();
    await s.expectAccessible('System Settings with remember this device');
    await s.page.reload();
    await s.heading('System Settings').waitFor();
    expect(await s.page.getByLabel('Days a device is remembered (1 to 30)').inputValue()).toBe('14');
    await s.signOut();
  });

  it('remembers the browser on the code page, which then signs in with the password alone', async () => {
    await s.signIn('mia', MIA_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    const remember = s.page.getByLabel('Remember this device');
    await remember.waitFor();
    expect(await remember.isChecked()).toBe(false);
    await s.page.getByText(/For 14 days, signing in on this browser needs only your password/).waitFor();
    await s.expectAccessible('the code page with Remember this device');
    await s.shoot('30-remember-this-device');
    await s.page.getByLabel('Verification code').fill(await nextCode());
    await remember.check();
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Mia').waitFor();
    await s.signOut();

    await s.signIn('mia', MIA_PASSWORD);
    await s.heading('Welcome, Mia').waitFor();
    // No code was sent for this sign-in.
    expect(await outboxMessages(s.verifier.outbox, /sign-in code/i)).toHaveLength(mails);
  });

  it('lists the device on the security page and revokes it only with the current password', async () => {
    await s.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).click();
    await s.heading('Security').waitFor();
    const devices = s.page.getByRole('region', { name: 'Remembered devices' });
    await devices.getByText('Chrome on Linux').waitFor();
    const sessions = s.page.getByRole('region', { name: 'Active sessions' });
    await sessions.getByText('This session').waitFor();
    const signIns = s.page.getByRole('region', { name: 'Last sign-ins' });
    await signIns.getByText('Signed in on a remembered device').waitFor();
    expect(await signIns.textContent()).toContain('127.0.0.1');
    await s.expectAccessible('the security page');
    await s.shoot('31-security-page');

    await devices.getByRole('button', { name: /^Revoke Chrome on Linux/ }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Revoke this remembered device?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByText('Enter your current password.').waitFor();
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByText('That is not your current password. Nothing was changed.').waitFor();
    await s.expectAccessible('the re-authentication dialog with its refusal');
    await s.shoot('32-security-reauthenticate');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await s.page.reload();
    await s.heading('Security').waitFor();
    await devices.getByText('Chrome on Linux').waitFor();

    await devices.getByRole('button', { name: /^Revoke Chrome on Linux/ }).click();
    await dialog.getByLabel('Current password').fill(MIA_PASSWORD);
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await s.page.getByText(/Chrome on Linux is no longer remembered/).waitFor();
    await devices.getByText(/^None\./).waitFor();

    await s.signOut();
    await s.signIn('mia', MIA_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    await s.page.getByLabel('Verification code').fill(await nextCode());
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Mia').waitFor();
  });

  it('is usable at 360 px, and ends the desktop session from the phone', async () => {
    const phone = await s.openPhone();
    await signInWithCode(phone, false);
    await phone.getByRole('link', { name: 'Open your security page' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    const sessions = phone.getByRole('region', { name: 'Active sessions' });
    await sessions.getByText('This session').waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(2);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await s.expectAccessible('the security page at 360 px', phone);
    await s.shoot('33-security-page-phone', phone);

    await sessions.getByRole('button', { name: /^Revoke the session signed in .*[^)]$/ }).click();
    const dialog = phone.getByRole('dialog', { name: 'End this session?' });
    await dialog.getByLabel('Current password').fill(MIA_PASSWORD);
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await phone.getByText('That session has ended.').waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(1);

    await s.page.reload();
    await s.heading('Sign in').waitFor();
    await phone.context().close();
  });

  it('changes the password only with the current one, and ends the sessions on other browsers', async () => {
    await signInWithCode(s.page, false);
    const phone = await s.openPhone();
    await signInWithCode(phone, false);
    await s.page.getByRole('link', { name: 'Open your security page' }).click();
    await s.heading('Security').waitFor();
    const sessions = s.page.getByRole('region', { name: 'Active sessions' });
    await sessions.getByText('This session').waitFor();
    // This browser, the phone, and the phone of the test before (its window closed, its session not).
    expect(await sessions.getByRole('listitem').count()).toBe(3);

    const panel = s.page.getByRole('region', { name: 'Password' });
    const choose = async (current: string, next: string) => {
      await panel.getByLabel('Current password').fill(current);
      await panel.getByLabel('New password', { exact: true }).fill(next);
      await panel.getByLabel('New password again').fill(next);
      await panel.getByRole('button', { name: 'Change password' }).click();
    };
    await choose('not my password', 'mia chose a new password');
    await panel.getByText('That is not your current password. Nothing was changed.').waitFor();
    await choose(MIA_PASSWORD, MIA_PASSWORD);
    await panel.getByText('Choose a password different from the current one.').waitFor();
    await choose(MIA_PASSWORD, 'mia chose a new password');
    await s.page
      .getByText('Password changed. Your other sessions and remembered devices have ended.')
      .waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(1);
    expect(await panel.getByLabel('Current password').inputValue()).toBe('');

    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await phone.context().close();
  });
});
