import { describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { horizontalOverflow, usePagesSession } from '../test-support/browser/pages-session.ts';
import { insertManyUsers } from '../test-support/many-users.ts';

// The admin console at scale through the real pages: 60 generated users, filtered and sorted with the
// choice kept in the address, a bulk reset behind its confirmation, the System Settings summary, and
// the list on a 360 px phone with the status in view. Every page passes an axe-core check.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('Users console at scale in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD);
  const rows = () => s.page.locator('table.users-table tbody tr');

  it('filters by 2FA status and sorts by a column, both kept in the address across a reload', async () => {
    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    const now = s.verifier.clock.now();
    await updateSettings(s.verifier.db, { twoFactorEnabled: true }, { at: now, actor: 'test' });
    await insertManyUsers(s.verifier.db, 60, now);

    await s.page.goto(s.url('/admin/users'));
    await s.heading('Users').waitFor();
    await rows().first().waitFor();
    await s.page.getByLabel('2FA status').selectOption('Pending');
    await s.page.waitForURL(/status=Pending/);
    await s.page.getByText('u00002', { exact: true }).waitFor();
    const statuses = await rows().locator('.status-cell').allTextContents();
    expect(statuses.length).toBeGreaterThan(5);
    expect(new Set(statuses)).toEqual(new Set(['Pending']));

    // The list starts sorted by username, ascending: one press on the header turns it around.
    expect(await s.page.getByRole('columnheader', { name: 'Username' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await s.page.getByRole('button', { name: 'Username' }).click();
    await s.page.waitForURL(/order=desc/);
    await expect
      .poll(() => s.page.getByRole('columnheader', { name: 'Username' }).getAttribute('aria-sort'))
      .toBe('descending');
    await s.page.reload();
    await s.heading('Users').waitFor();
    await rows().first().waitFor();
    expect(await s.page.getByLabel('2FA status').inputValue()).toBe('Pending');
    const names = await rows().locator('td[data-label="Username"]').allTextContents();
    expect(names).toEqual([...names].sort().reverse());
    expect(names[0]).toBe('u00059');
    await s.expectAccessible('the Users list filtered by status');
    await s.shoot('users-filtered-sorted');
  });

  it('resets 2FA for the ticked users after a confirmation that says how many, skipping the SSO user', async () => {
    await s.page.goto(s.url('/admin/users?query=u0000'));
    await s.page.getByText('u00001', { exact: true }).waitFor();
    // u00001 has an authenticator set up; u00005 signs in through SSO.
    await s.page.getByRole('checkbox', { name: 'Select u00001' }).check();
    await s.page.getByRole('checkbox', { name: 'Select u00005' }).check();
    await s.page.getByText('2 users selected.').waitFor();
    await s.page.getByRole('button', { name: 'Reset 2FA' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Reset 2FA for 2 users?' });
    await dialog.waitFor();
    await s.expectAccessible('the bulk reset confirmation');
    await s.shoot('users-bulk-reset-confirm');
    // Escape leaves everything as it was.
    await s.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const row = s.page.getByRole('row', { name: /u00001/ });
    expect(await row.locator('.status-cell').textContent()).toBe('Activated');

    await s.page.getByRole('button', { name: 'Reset 2FA' }).click();
    await dialog.getByRole('button', { name: 'Reset 2FA' }).click();
    await s.page.getByText('Reset 1 user; 1 skipped: SSO users are exempt.').waitFor();
    await expect.poll(() => row.locator('.status-cell').textContent()).toBe('Pending');
    await s.page.getByText('Who was skipped, and why').click();
    await s.page.getByText('u00005: SSO users are exempt').waitFor();
    await s.expectAccessible('the Users list after a bulk reset');
    await s.shoot('users-bulk-reset-done');
  });

  it('summarises the users by status in System Settings, linking to the filtered list', async () => {
    await s.nav('System Settings');
    await s.page.getByRole('heading', { name: 'Users by 2FA status' }).waitFor();
    await s.page.getByLabel('Pending for longer than (days)').fill('0');
    const longPending = s.page.getByRole('link', { name: /Pending for longer than 0 days/ });
    await longPending.waitFor();
    await s.expectAccessible('System Settings with the users summary');
    await s.shoot('settings-users-summary');
    await s.page.locator('.users-summary dd').first().getByRole('link').click();
    await s.page.waitForURL(/\/admin\/users\?status=Pending/);
    await rows().first().waitFor();
    expect(new Set(await rows().locator('.status-cell').allTextContents())).toEqual(new Set(['Pending']));
  });

  it('keeps the status in view on a 360 px phone, each user a stacked row', async () => {
    const phone = await s.openPhone();
    await s.signIn('admin', ADMIN_PASSWORD, phone);
    await phone.getByRole('heading', { level: 1, name: 'Welcome, Administrator' }).waitFor();
    await phone.goto(s.url('/admin/users?sort=status'));
    const firstRow = phone.locator('table.users-table tbody tr').first();
    await firstRow.waitFor();
    const badge = firstRow.locator('.status-cell .badge');
    const box = await badge.boundingBox();
    expect(box).not.toBeNull();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(360);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await s.expectAccessible('the Users list at 360 px', phone);
    await s.shoot('users-phone-360', phone);
    await phone.context().close();
  });
});
