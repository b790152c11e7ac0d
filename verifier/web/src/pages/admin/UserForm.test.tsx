// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Group } from '../../api/types.ts';
import { UserForm, type UserFormProps, type UserValues } from './UserForm.tsx';

const groups: Group[] = [
  { id: 1, name: 'Admin', isDefault: true, twoFactorEnabled: true },
  { id: 2, name: 'Agent', isDefault: true, twoFactorEnabled: true },
  { id: 5, name: 'Night shift', isDefault: false, twoFactorEnabled: false },
  { id: 6, name: 'Auditors', isDefault: false, twoFactorEnabled: true },
];

const ana: UserValues = {
  username: 'ana',
  displayName: 'Ana Silva',
  email: 'ana@example.test',
  groupId: '2',
  source: 'local',
  password: '',
  twoFactorEnabled: true,
  method: 'totp',
};

function renderForm(
  values: Partial<UserValues> = {},
  onSubmit: (values: UserValues) => void = () => {},
  view: Partial<Pick<UserFormProps, 'status' | 'reason'>> = {},
) {
  return render(
    <UserForm
      mode="edit"
      initial={{ ...ana, ...values }}
      groups={groups}
      systemTwoFactorEnabled={true}
      methods={['totp', 'email']}
      status={view.status ?? 'Activated'}
      reason={view.reason ?? 'user-on'}
      busy={false}
      error={null}
      onSubmit={onSubmit}
    />,
  );
}

afterEach(cleanup);

describe('the Edit user form', () => {
  it('offers the 2FA enabled checkbox to a member of a default group, with the lost-device reset explained', () => {
    renderForm();
    const checkbox = screen.getByLabelText('2FA enabled') as HTMLInputElement;
    expect(checkbox.checked).toBe(true);
    expect(
      screen.getByText(/Lost device\? Turn 2FA enabled off and save, then turn it on again/),
    ).toBeTruthy();
  });

  it('hides the checkbox and points to the group setting when the custom group has 2FA off', () => {
    renderForm({ groupId: '5', twoFactorEnabled: false });
    expect(screen.queryByLabelText('2FA enabled')).toBeNull();
    expect(screen.getByText(/The Night shift group does not allow two-factor authentication/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Security Access Groups' }).getAttribute('href')).toBe(
      '/admin/groups',
    );
  });

  it('shows the checkbox for a custom group whose 2FA is enabled', () => {
    renderForm({ groupId: '6' });
    expect(screen.getByLabelText('2FA enabled')).toBeTruthy();
  });

  it('hides the checkbox as soon as a group without 2FA is chosen, and keeps the saved value', () => {
    const submitted: UserValues[] = [];
    renderForm({}, (values) => submitted.push(values));
    fireEvent.click(screen.getByLabelText('2FA enabled'));
    fireEvent.change(screen.getByLabelText('Security access group'), { target: { value: '5' } });
    expect(screen.queryByLabelText('2FA enabled')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(submitted[0]?.groupId).toBe('5');
    expect(submitted[0]?.twoFactorEnabled).toBe(true);
  });

  it('says 2FA is off system-wide when it is', () => {
    render(
      <UserForm
        mode="add"
        initial={{ ...ana, username: '', twoFactorEnabled: false }}
        groups={groups}
        systemTwoFactorEnabled={false}
        methods={['totp']}
        busy={false}
        error="That username is already taken."
        onSubmit={() => {}}
      />,
    );
    expect(screen.getByText(/2FA is off for the whole organisation/)).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect(screen.getByText('That username is already taken.').closest('[aria-live]')).toBeTruthy();
  });

  it('shows an SSO user one truth: Disabled because of single sign-on, with no 2FA switch and no lost-device advice', () => {
    renderForm({ source: 'sso' }, () => {}, { status: 'Disabled', reason: 'sso' });
    expect(screen.getByText('Disabled')).toBeTruthy();
    expect(
      screen.getByText(/signs in through single sign-on, so they are never asked for a code/),
    ).toBeTruthy();
    expect(screen.queryByLabelText('2FA enabled')).toBeNull();
    expect(screen.queryByText(/Lost device/)).toBeNull();
  });

  it('after the grace period says every local user needs 2FA instead of an unticked switch beside Pending', () => {
    renderForm({ twoFactorEnabled: false }, () => {}, { status: 'Pending', reason: 'grace-period-ended' });
    expect(screen.getByText('Pending')).toBeTruthy();
    expect(screen.getByText(/The grace period has ended: every local user must use two-factor/)).toBeTruthy();
    expect(screen.queryByLabelText('2FA enabled')).toBeNull();
  });

  it('speaks of the address, not a device, for a user who receives codes by e-mail', () => {
    renderForm({ method: 'email' });
    expect(screen.getByLabelText('2FA enabled')).toBeTruthy();
    expect(screen.queryByText(/Lost device/)).toBeNull();
    expect(screen.getByText(/Codes go to the e-mail address above/)).toBeTruthy();
  });

  it('names the user switch when it is what keeps 2FA off', () => {
    renderForm({ twoFactorEnabled: false }, () => {}, { status: 'Disabled', reason: 'user-off' });
    expect(screen.getByText(/2FA enabled is off for this user/)).toBeTruthy();
  });

  it('says a user without a password has none yet, instead of offering to keep it', () => {
    render(
      <UserForm
        mode="edit"
        initial={ana}
        groups={groups}
        systemTwoFactorEnabled={true}
        methods={['totp']}
        hasPassword={false}
        busy={false}
        error={null}
        onSubmit={() => {}}
      />,
    );
    expect(screen.getByText(/No password yet/)).toBeTruthy();
    expect(screen.getByLabelText('Set a password (this user has none yet)')).toBeTruthy();
    expect(screen.queryByText(/Leave empty to keep the current password/)).toBeNull();
  });

  it('still offers to keep the current password of a user who has one', () => {
    renderForm();
    expect(screen.getByText(/Leave empty to keep the current password/)).toBeTruthy();
    expect(screen.queryByText(/No password yet/)).toBeNull();
  });
});
