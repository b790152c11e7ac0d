import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdminAction,
  actionsOf,
  ENDINGS,
  type Ending,
  endingsOf,
  type FactorFacts,
} from './factor-endings.ts';

const cases: Array<[AdminAction, Ending[]]> = [
  ['two_factor_on', []],
  [
    'two_factor_off',
    [
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'device_tokens',
      'remembered_devices',
      'recovery_codes',
    ],
  ],
  [
    'lost_device_reset',
    [
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'device_tokens',
      'remembered_devices',
      'recovery_codes',
    ],
  ],
  [
    'method_changed',
    [
      'credential',
      'enrollment',
      'email_code',
      'email_confirmation',
      'sessions',
      'remembered_devices',
      'recovery_codes',
    ],
  ],
  [
    'method_changed_while_disabled',
    ['credential', 'enrollment', 'email_code', 'email_confirmation', 'remembered_devices', 'recovery_codes'],
  ],
  ['email_changed', ['email_code', 'email_confirmation', 'remembered_devices']],
  ['group_changed', []],
  ['source_changed', ['enrollment', 'email_code', 'sessions', 'remembered_devices', 'invitation']],
  ['password_reset', ['sessions', 'device_tokens', 'remembered_devices', 'invitation']],
];
const ACTIONS = cases.map(([action]) => action);

const facts = fc.record({
  twoFactorEnabled: fc.boolean(),
  method: fc.constantFrom('totp' as const, 'email' as const),
  groupId: fc.integer({ min: 1, max: 4 }),
  source: fc.constantFrom('local' as const, 'sso' as const),
  email: fc.constantFrom('a@example.test', 'b@example.test'),
});

describe('endingsOf', () => {
  it.each(cases)('%s ends %j', (action, ended) => {
    expect(endingsOf([action])).toEqual(ended);
  });

  it('ends, for several actions, each ending once and exactly what one of them ends', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ACTIONS)), (actions) => {
        const ended = endingsOf(actions);
        expect(new Set(ended).size).toBe(ended.length);
        expect(ended).toEqual(ENDINGS.filter((e) => actions.some((a) => endingsOf([a]).includes(e))));
      }),
    );
  });

  it('never lets a lost-device reset, by switch or command line, leave the factor or a way in', () => {
    // A pending invitation only lets the user choose a first password; the 2FA setup still follows it.
    const factorAndAccess = ENDINGS.filter((e) => e !== 'invitation');
    expect(endingsOf(['two_factor_off'])).toEqual(factorAndAccess);
    expect(endingsOf(['lost_device_reset'])).toEqual(factorAndAccess);
  });
});

describe('actionsOf', () => {
  it('finds no action in a change that sends every field back as stored', () => {
    fc.assert(
      fc.property(facts, (before) => {
        expect(actionsOf(before, { ...before })).toEqual([]);
      }),
    );
  });

  it('finds one action per field that differs, and a password set by an admin', () => {
    fc.assert(
      fc.property(facts, facts, fc.boolean(), (before: FactorFacts, after: FactorFacts, passwordSet) => {
        const actions = actionsOf(before, { ...after, passwordSet });
        expect(actions.includes('method_changed')).toBe(before.method !== after.method);
        expect(actions.includes('group_changed')).toBe(before.groupId !== after.groupId);
        expect(actions.includes('email_changed')).toBe(before.email !== after.email);
        expect(actions.includes('source_changed')).toBe(before.source !== after.source);
        expect(actions.includes('password_reset')).toBe(passwordSet);
        expect(actions.includes('two_factor_off')).toBe(before.twoFactorEnabled && !after.twoFactorEnabled);
        expect(actions.includes('two_factor_on')).toBe(!before.twoFactorEnabled && after.twoFactorEnabled);
      }),
    );
  });

  it('ends the credential whenever the method changes, so an old authenticator never comes back', () => {
    const before: FactorFacts = {
      twoFactorEnabled: true,
      method: 'totp',
      groupId: 1,
      source: 'local',
      email: 'a@example.test',
    };
    expect(endingsOf(actionsOf(before, { method: 'email' }))).toContain('credential');
    expect(endingsOf(actionsOf({ ...before, method: 'email' }, { method: 'totp' }))).toContain('credential');
  });
});
