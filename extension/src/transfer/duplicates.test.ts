import { describe, expect, it } from 'vitest';
import { base32Decode, type OtpAccount } from '../../../shared/index.ts';
import { findDuplicates } from './duplicates.ts';

function account(secret: string, name: string, overrides: Partial<OtpAccount> = {}): OtpAccount {
  return {
    type: 'totp',
    secret: base32Decode(secret),
    issuer: 'Example',
    account: name,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

describe('findDuplicates', () => {
  const existing = [account('JBSWY3DPEHPK3PXP', 'alice'), account('GEZDGNBVGY3TQOJQ', 'bob')];

  it('finds an incoming account with the same secret bytes and account name, however the secret was written', () => {
    const incoming = [account('jbsw y3dp ehpk 3pxp', 'alice', { issuer: 'Renamed', digits: 8 })];
    expect(findDuplicates(existing, incoming)).toEqual([{ incomingIndex: 0, existingIndex: 0 }]);
  });

  it('does not match the same secret under another name, or another secret under the same name', () => {
    const incoming = [account('JBSWY3DPEHPK3PXP', 'bob'), account('GEZDGNBVGY3TQOJQGEZDGNBV', 'bob')];
    expect(findDuplicates(existing, incoming)).toEqual([]);
  });

  it('matches names written in different Unicode normalisation forms', () => {
    const withAccent = [account('JBSWY3DPEHPK3PXP', 'jos\u00e9')];
    expect(findDuplicates(withAccent, [account('JBSWY3DPEHPK3PXP', 'jose\u0301')])).toEqual([
      { incomingIndex: 0, existingIndex: 0 },
    ]);
  });

  it('reports every incoming duplicate with its position', () => {
    const incoming = [
      account('AAAAAAAA', 'new'),
      account('GEZDGNBVGY3TQOJQ', 'bob'),
      account('JBSWY3DPEHPK3PXP', 'alice'),
    ];
    expect(findDuplicates(existing, incoming)).toEqual([
      { incomingIndex: 1, existingIndex: 1 },
      { incomingIndex: 2, existingIndex: 0 },
    ]);
  });
});
