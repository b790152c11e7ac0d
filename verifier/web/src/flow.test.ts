import { describe, expect, it } from 'vitest';
import type { Me, SessionScope, TwoFactorStatus } from './api/types.ts';
import { mustSetUp, pathForStep, redirectFor } from './flow.ts';

function me(scope: SessionScope, twoFactorStatus: TwoFactorStatus = 'Disabled', isAdmin = false): Me {
  return {
    scope,
    csrfToken: 't',
    organisationName: 'Example',
    user: {
      id: 1,
      username: 'ana',
      displayName: 'Ana',
      email: 'ana@example.test',
      group: { id: 2, name: 'Agent', isDefault: true, twoFactorEnabled: true },
      isAdmin,
      source: 'local',
      twoFactorStatus,
      twoFactorReason: twoFactorStatus === 'Disabled' ? 'system-off' : 'user-on',
      method: 'totp',
      mustChangePassword: false,
    },
  };
}

describe('sign-in steps', () => {
  it('lead to the code page, the password page or the home page', () => {
    expect(pathForStep('code')).toBe('/sign-in/code');
    expect(pathForStep('change-password')).toBe('/change-password');
    expect(pathForStep('setup')).toBe('/');
    expect(pathForStep('signed-in')).toBe('/');
  });
});

describe('page access', () => {
  it('sends a signed-out visitor to sign in, except for the setup-successful page', () => {
    expect(redirectFor('/', null)).toBe('/sign-in');
    expect(redirectFor('/admin/users', null)).toBe('/sign-in');
    expect(redirectFor('/sign-in', null)).toBeNull();
    expect(redirectFor('/setup/done', null)).toBeNull();
  });

  it('opens an invitation link for a signed-out visitor and whoever is signed in on the browser', () => {
    expect(redirectFor('/invitation', null)).toBeNull();
    for (const scope of ['full', 'setup', 'code', 'change-password'] as const) {
      expect(redirectFor('/invitation', me(scope, 'Pending'))).toBeNull();
    }
  });

  it('keeps a half-signed-in user on the code page', () => {
    expect(redirectFor('/', me('code'))).toBe('/sign-in/code');
    expect(redirectFor('/sign-in/code', me('code'))).toBeNull();
    expect(redirectFor('/sign-in', me('code'))).toBeNull();
  });

  it('keeps a first-time admin on the change-password page', () => {
    expect(redirectFor('/admin/settings', me('change-password', 'Disabled', true))).toBe('/change-password');
  });

  it('lets a user limited to setup reach only the home page and the wizard', () => {
    const pending = me('setup', 'Pending');
    expect(redirectFor('/', pending)).toBeNull();
    expect(redirectFor('/setup', pending)).toBeNull();
    expect(redirectFor('/admin/users', pending)).toBe('/');
  });

  it('sends a signed-in user away from the sign-in pages and from a setup they do not need', () => {
    expect(redirectFor('/sign-in', me('full'))).toBe('/');
    expect(redirectFor('/setup', me('full', 'Activated'))).toBe('/');
    expect(redirectFor('/setup', me('full', 'Pending'))).toBeNull();
    expect(redirectFor('/admin/users', me('full', 'Disabled', true))).toBeNull();
  });
});

describe('the set-up banner', () => {
  it('shows for a Pending user and for no one else', () => {
    expect(mustSetUp(me('setup', 'Pending'))).toBe(true);
    expect(mustSetUp(me('full', 'Pending'))).toBe(true);
    expect(mustSetUp(me('full', 'Activated'))).toBe(false);
    expect(mustSetUp(me('full', 'Disabled'))).toBe(false);
    expect(mustSetUp(null)).toBe(false);
    // An e-mail user has no wizard: the code at their next sign-in confirms the address.
    const byEmail = me('full', 'Pending');
    expect(mustSetUp({ ...byEmail, user: { ...byEmail.user, method: 'email' } })).toBe(false);
  });
});
