import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reasonRequires, type TwoFactorReason, twoFactorReason } from './two-factor-reason.ts';
import { type PolicyInputs, twoFactorStatus } from './two-factor-status.ts';

const base: PolicyInputs = {
  systemEnabled: true,
  group: { isDefault: true, twoFactorEnabled: true },
  user: { source: 'local', twoFactorEnabled: true },
  hasCredential: false,
};

describe('why a user has their 2FA status', () => {
  it.each<[string, Partial<PolicyInputs>, TwoFactorReason]>([
    ['says the switches ask for it when all are on', {}, 'user-on'],
    [
      'names the user switch when only it is off',
      { user: { source: 'local', twoFactorEnabled: false } },
      'user-off',
    ],
    [
      'names the system switch before the group and the user',
      { systemEnabled: false, group: { isDefault: false, twoFactorEnabled: false } },
      'system-off',
    ],
    [
      'names a custom group with 2FA off',
      { group: { isDefault: false, twoFactorEnabled: false } },
      'group-off',
    ],
    [
      'names SSO even after the grace period with every switch on',
      { mandatory: true, user: { source: 'sso', twoFactorEnabled: true } },
      'sso',
    ],
    [
      'names the grace period when it overrides switches that are off',
      { mandatory: true, systemEnabled: false, user: { source: 'local', twoFactorEnabled: false } },
      'grace-period-ended',
    ],
    [
      'names the grace period for an e-mail user too',
      { mandatory: true, method: 'email' },
      'grace-period-ended',
    ],
  ])('%s', (_name, change, expected) => {
    expect(twoFactorReason({ ...base, ...change })).toBe(expected);
  });

  it('never contradicts the status: a reason that requires 2FA goes with Pending or Activated, any other with Disabled', () => {
    const inputs = fc.record({
      systemEnabled: fc.boolean(),
      group: fc.record({ isDefault: fc.boolean(), twoFactorEnabled: fc.boolean() }),
      user: fc.record({
        source: fc.constantFrom('local' as const, 'sso' as const),
        twoFactorEnabled: fc.boolean(),
      }),
      hasCredential: fc.boolean(),
      mandatory: fc.boolean(),
      method: fc.constantFrom('totp' as const, 'email' as const),
    });
    fc.assert(
      fc.property(inputs, (input) => {
        expect(reasonRequires(twoFactorReason(input))).toBe(twoFactorStatus(input) !== 'Disabled');
      }),
    );
  });
});
