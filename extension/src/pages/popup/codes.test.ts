import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';
import { totpView } from './codes.ts';

const steam: VaultAccount = {
  id: 'steam-1',
  type: 'steam',
  secret: base32Decode('JBSWY3DPEHPK3PXP'),
  issuer: 'Steam',
  account: 'gamer',
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
  counter: 0,
  pinned: false,
  addedAt: 0,
};

describe('totpView', () => {
  it('shows a Steam account its 5-character Steam Guard code and the seconds left', () => {
    // The value the shared core's test checks against an independent node:crypto generator.
    expect(totpView(steam, 1_700_000_000_000)).toEqual({ code: '2KM2P', secondsLeft: 10 });
  });

  it('shows a TOTP account with the same secret its 6 digits', () => {
    expect(totpView({ ...steam, type: 'totp', digits: 6 }, 1_700_000_000_000).code).toMatch(/^\d{6}$/);
  });
});
