import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../shared/index.ts';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { outboxMessages } from '../test-support/browser/outbox.ts';
import { usePagesSession } from '../test-support/browser/pages-session.ts';

// The admin imports a user from CSV (no password), sends her an invitation from Edit user; she opens
// the link from the .eml the verifier wrote to its outbox, chooses a password, sets up 2FA with the QR
// wizard and signs in. A used link and an expired one each get a page that says so.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const IVY_PASSWORD = 'ivy picked four words';
const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('invitations in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD);
  let link = '';

  /** The invitation link in the newest .eml of the outbox, once it holds `count` messages. */
  async function latestLink(count: number): Promise<string> {
    const invitations = await outboxMessages(s.verifier.outbox, /invitation/i);
    expect(invitations).toHaveLength(count);
    const mail = invitations.at(-1) as ParsedMail;
    expect(mail.subject).toBe('Your invitation to Example Support');
    const found = /(http:\/\/\S+\/invitation#[A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
    expect(found).toBeDefined();
    return found as string;
  }

  it('lets the admin send an imported user without a password an invitation from Edit user', async () => {
    await updateSettings(
      s.verifier.db,
      { twoFactorEnabled: true, organisationName: 'Example Support' },
      { at: Date.now(), actor: 'test' },
    );
    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await s.page.goto(s.url('/admin/users'));
    await s.heading('Users').waitFor();
    await s.page.getByLabel('Import CSV').setInputFiles({
      name: 'users.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${HEADER}\nivy,ivy@example.test,Ivy Lee,Agent,local,y\nnoah,,Noah,Agent,local,n\n`,
      ),
    });
    await s.page.getByRole('heading', { name: 'Preview of users.csv' }).waitFor();
    await s.page.getByRole('button', { name: /^Apply/ }).click();
    await s.page
      .locator('#bulk-invitations')
      .getByText('2 users have no password yet (1 without an e-mail address).')
      .waitFor();

    await s.page.getByRole('link', { name: 'Ivy Lee' }).click();
    await s.heading('Edit user').waitFor();
    const panel = s.page.locator('#user-invitation');
    await panel.getByRole('button', { name: 'Send invitation' }).waitFor();
    await s.expectAccessible('Edit user with Send invitation');
    await s.shoot('17-edit-user-send-invitation');
    await panel.getByRole('button', { name: 'Send invitation' }).click();
    await panel.getByText(/Invitation sent to ivy@example\.test\. The link works once, until/).waitFor();
    await panel.getByRole('button', { name: 'Send again' }).click();
    await panel
      .getByText(/An invitation was sent to this user a moment ago\. Send again in \d+ minutes?/)
      .waitFor();
    link = await latestLink(1);
    expect(new URL(link).origin).toBe(s.verifier.url);
  });

  it('refuses, on Edit user, to invite a user without an address, and says so', async () => {
    await s.nav('Users');
    await s.page.getByRole('link', { name: 'Noah' }).click();
    await s.heading('Edit user').waitFor();
    await s.page.locator('#user-invitation').getByText('Add an e-mail address and save').waitFor();
    expect(await s.page.locator('#user-invitation button').count()).toBe(0);
  });

  it('takes the invited user from the link through a password and the QR setup to signed in', async () => {
    await s.signOut();
    await s.page.goto(link);
    await s.heading('Choose your password').waitFor();
    await s.page.getByText('Example Support invites Ivy Lee to sign in as ivy.').waitFor();
    await s.page.getByLabel('Password', { exact: true }).fill(IVY_PASSWORD);
    await s.page.getByLabel('Password again').fill('not the same one');
    await s.page.getByRole('button', { name: 'Set password and continue' }).click();
    await s.page.getByText('The two passwords are not the same.').waitFor();
    await s.expectAccessible('the set-password page');
    await s.shoot('18-invitation-set-password');
    await s.page.getByLabel('Password again').fill(IVY_PASSWORD);
    await s.page.getByRole('button', { name: 'Set password and continue' }).click();

    const banner = s.page.getByRole('region', { name: 'Two-factor authentication setup' });
    await banner.getByRole('link', { name: 'Set it up now.' }).click();
    await s.page.getByRole('button', { name: 'Get started' }).click();
    await s.page.getByRole('button', { name: 'Skip, I already have one' }).click();
    await s.heading('Scan the QR code').waitFor();
    await s.page.locator('.qr svg path').first().waitFor();
    const secret = base32Decode(
      ((await s.page.locator('#setup-key').textContent()) ?? '').replaceAll(' ', ''),
    );
    await s.page.getByRole('button', { name: 'Next' }).click();
    await s.heading('Verify configuration').waitFor();
    await s.page
      .getByLabel('Code from your authenticator')
      .fill(totp({ secret, time: s.verifier.clock.now() }));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Setup successful').waitFor();

    s.verifier.clock.advance(30_000);
    await s.signIn('ivy', IVY_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    await s.page.getByLabel('Authentication code').fill(totp({ secret, time: s.verifier.clock.now() }));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Ivy Lee').waitFor();
    await s.page.locator('.badge', { hasText: 'Activated' }).waitFor();
  });

  it('says a used link is no longer valid, and an expired one has expired', async () => {
    await s.signOut();
    await s.page.goto(link);
    await s.heading('This invitation cannot be used').waitFor();
    await s.page.getByText(/This invitation link is no longer valid: it was already used/).waitFor();

    await s.signIn('admin', ADMIN_PASSWORD);
    await s.heading('Welcome, Administrator').waitFor();
    await s.page.goto(s.url('/admin/users'));
    await s.page
      .locator('#bulk-invitations')
      .getByText('1 user has no password yet (1 without an e-mail address).')
      .waitFor();
    await s.page.getByRole('link', { name: 'Noah' }).click();
    await s.heading('Edit user').waitFor();
    await s.page.getByLabel('E-mail').fill('noah@example.test');
    await s.page.getByRole('button', { name: 'Save' }).click();
    await s.page.getByText('Changes saved.').waitFor();
    await s.nav('Users');
    const bulk = s.page.locator('#bulk-invitations');
    await bulk.getByRole('button', { name: 'Send invitations' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Send invitations to 1 user?' });
    await dialog.getByRole('button', { name: 'Send invitations' }).click();
    await s.page.getByText('Sent 1 invitation.').waitFor();
    const noahLink = await latestLink(2);

    // Sign out first: a day later the admin's own session has expired too, and the page may
    // already have left for the sign-in page when the click would come.
    await s.signOut();
    s.verifier.clock.advance(24 * 60 * 60_000);
    await s.page.goto(noahLink);
    await s.page.getByText('This invitation has expired — ask your admin for a new one.').waitFor();
    await s.expectAccessible('the expired-invitation page');
    await s.shoot('19-invitation-expired');
  });
});
