import { describe, expect, it } from 'vitest';
import { type PolicyInputs, twoFactorAvailable, twoFactorStatus } from './two-factor-status.ts';

const base: PolicyInputs = {
  systemEnabled: true,
  group: { isDefault: true, twoFactorEnabled: true },
  user: { source: 'local', twoFactorEnabled: true },
  hasCredential: false,
};

describe('2FA status rules', () => {
  it.each<[string, Partial<PolicyInputs>, string]>([
    ['is Pending when required and not set up', {}, 'Pending'],
    ['is Activated once a credential is confirmed', { hasCredential: true }, 'Activated'],
    [
      'is Disabled while the system switch is off, credential or not',
      { systemEnabled: false, hasCredential: true },
      'Disabled',
    ],
    [
      'is Disabled when the user switch is off',
      { user: { source: 'local', twoFactorEnabled: false } },
      'Disabled',
    ],
    [
      'is Disabled for a custom group with 2FA off',
      { group: { isDefault: false, twoFactorEnabled: false } },
      'Disabled',
    ],
    [
      'follows the user switch in a custom group with 2FA on',
      { group: { isDefault: false, twoFactorEnabled: true } },
      'Pending',
    ],
    [
      'is Disabled for SSO users, who are never asked for a code',
      { user: { source: 'sso', twoFactorEnabled: true }, hasCredential: true },
      'Disabled',
    ],
    [
      'is Pending for every local user after the grace period, whatever the switches say',
      { mandatory: true, systemEnabled: false, user: { source: 'local', twoFactorEnabled: false } },
      'Pending',
    ],
    [
      'is Pending after the grace period even in a custom group with 2FA off',
      { mandatory: true, group: { isDefault: false, twoFactorEnabled: false } },
      'Pending',
    ],
    [
      'stays Disabled for SSO users after the grace period',
      { mandatory: true, user: { source: 'sso', twoFactorEnabled: true } },
      'Disabled',
    ],
    ['is Pending for an e-mail user until a code confirms the address', { method: 'email' }, 'Pending'],
    [
      'is Activated for an e-mail user whose address a code confirmed',
      { method: 'email', emailConfirmed: true },
      'Activated',
    ],
    [
      'does not count an authenticator left from before as an e-mail user’s factor',
      { method: 'email', hasCredential: true },
      'Pending',
    ],
    [
      'is Disabled for an e-mail user whose switch is off',
      { method: 'email', user: { source: 'local', twoFactorEnabled: false } },
      'Disabled',
    ],
  ])('%s', (_name, change, expected) => {
    expect(twoFactorStatus({ ...base, ...change })).toBe(expected);
  });

  it('offers the per-user switch in default groups always and in custom groups only while their 2FA is on', () => {
    expect(twoFactorAvailable({ isDefault: true, twoFactorEnabled: false })).toBe(true);
    expect(twoFactorAvailable({ isDefault: false, twoFactorEnabled: false })).toBe(false);
    expect(twoFactorAvailable({ isDefault: false, twoFactorEnabled: true })).toBe(true);
  });
});
