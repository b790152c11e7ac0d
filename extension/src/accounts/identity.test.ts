import { describe, expect, it } from 'vitest';
import { base32Decode, type OtpAccount } from '../../../shared/index.ts';
import { findDuplicates, findSameAccount, SeenAccounts, sameAccount } from './identity.ts';

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

describe('account identity', () => {
  const existing = [account('JBSWY3DPEHPK3PXP', 'alice'), account('GEZDGNBVGY3TQOJQ', 'bob')];

  it('finds an incoming account with the same secret bytes, however the secret was written', () => {
    const incoming = [account('jbsw y3dp ehpk 3pxp', 'alice', { issuer: 'Renamed', counter: 4 })];
    expect(findDuplicates(existing, incoming)).toEqual([{ incomingIndex: 0, existingIndex: 0 }]);
  });

  it('takes the same secret under another label for that account renamed', () => {
    const renamed = account('JBSWY3DPEHPK3PXP', 'alice@work', { issuer: 'Example Corp' });
    expect(sameAccount(existing[0] as OtpAccount, renamed)).toBe(true);
    expect(findSameAccount(existing, renamed)).toBe(existing[0]);
  });

  it('keeps another secret under the same label apart: a re-enrolment or a second account', () => {
    const reEnrolled = account('GEZDGNBVGY3TQOJQGEZDGNBV', 'bob');
    expect(findDuplicates(existing, [reEnrolled])).toEqual([]);
    expect(findSameAccount(existing, reEnrolled)).toBeUndefined();
  });

  it('reports every incoming duplicate with its position, matched to the first existing one', () => {
    const incoming = [
      account('AAAAAAAA', 'new'),
      account('GEZDGNBVGY3TQOJQ', 'bob'),
      account('JBSWY3DPEHPK3PXP', 'alice'),
    ];
    expect(findDuplicates([...existing, account('JBSWY3DPEHPK3PXP', 'copy')], incoming)).toEqual([
      { incomingIndex: 1, existingIndex: 1 },
      { incomingIndex: 2, existingIndex: 0 },
    ]);
  });

  it('remembers each account once when reading a file', () => {
    const seen = new SeenAccounts();
    expect(seen.add(account('JBSWY3DPEHPK3PXP', 'alice'))).toBe(true);
    expect(seen.add(account('JBSWY3DPEHPK3PXP', 'alice (renamed)'))).toBe(false);
    expect(seen.add(account('GEZDGNBVGY3TQOJQ', 'alice'))).toBe(true);
  });
});
