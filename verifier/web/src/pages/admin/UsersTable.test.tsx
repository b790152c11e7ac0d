// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdminUser } from '../../api/types.ts';
import { UsersTable } from './UsersTable.tsx';

const user = (over: Partial<AdminUser>): AdminUser => ({
  id: 1,
  username: 'ana',
  email: 'ana@example.test',
  displayName: 'Ana Silva',
  group: { id: 2, name: 'Agent', isDefault: true, twoFactorEnabled: true },
  source: 'local',
  isAdmin: false,
  twoFactorEnabled: true,
  twoFactorAvailable: true,
  twoFactorStatus: 'Pending',
  method: 'totp',
  twoFactorReason: 'user-on',
  locked: false,
  hasPassword: true,
  mustChangePassword: false,
  createdAt: '2026-01-01T00:00:00Z',
  pendingSince: '2026-01-02T00:00:00Z',
  ...over,
});

afterEach(cleanup);

describe('the Users table', () => {
  it('has no 2FA status column while 2FA is off system-wide', () => {
    render(<UsersTable users={[user({})]} showTwoFactorStatus={false} onUnlock={() => {}} />);
    expect(screen.queryByRole('columnheader', { name: '2FA status' })).toBeNull();
    expect(screen.queryByText('Pending')).toBeNull();
  });

  it('shows each user’s Pending, Activated or Disabled status once 2FA is on', () => {
    render(
      <UsersTable
        users={[
          user({ id: 1, username: 'ana' }),
          user({ id: 2, username: 'ben', twoFactorStatus: 'Activated' }),
          user({
            id: 3,
            username: 'cy',
            twoFactorStatus: 'Disabled',
            group: { id: 3, name: 'Night shift', isDefault: false, twoFactorEnabled: true },
          }),
        ]}
        showTwoFactorStatus={true}
        onUnlock={() => {}}
      />,
    );
    expect(screen.getByRole('columnheader', { name: '2FA status' })).toBeTruthy();
    expect(screen.getByText('Pending')).toBeTruthy();
    expect(screen.getByText('Activated')).toBeTruthy();
    expect(screen.getByText('Disabled')).toBeTruthy();
    expect(screen.getByText('Night shift')).toBeTruthy();
  });

  it('links each name to the Edit user page and offers Unlock for a locked account', () => {
    const unlocked: string[] = [];
    render(
      <UsersTable
        users={[user({ id: 7, username: 'dee', locked: true })]}
        showTwoFactorStatus={false}
        onUnlock={(target) => unlocked.push(target.username)}
      />,
    );
    expect(screen.getByRole('link', { name: 'Ana Silva' }).getAttribute('href')).toBe('/admin/users/7');
    fireEvent.click(screen.getByRole('button', { name: 'Unlock dee' }));
    expect(unlocked).toEqual(['dee']);
  });

  it('says "No password yet" for a user imported without a password, and nothing for one who has one', () => {
    render(
      <UsersTable
        users={[
          user({ hasPassword: false }),
          user({ id: 2, username: 'bo', displayName: 'Bo', hasPassword: true }),
        ]}
        showTwoFactorStatus={true}
        onUnlock={() => {}}
      />,
    );
    expect(screen.getAllByText('No password yet')).toHaveLength(1);
    expect(screen.getByRole('row', { name: /Ana Silva/ }).textContent).toContain('No password yet');
  });
});
