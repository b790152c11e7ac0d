import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../../shared/index.ts';
import { randomBytes } from '../platform/random.ts';
import { withId } from './account.ts';
import {
  addAccounts,
  displayOrder,
  filterAccounts,
  findDuplicate,
  moveAccount,
  removeAccount,
  togglePin,
  updateAccount,
} from './list.ts';

function otp(issuer: string, account: string, secretByte: number): OtpAccount {
  return {
    type: 'totp',
    secret: new Uint8Array(10).fill(secretByte),
    issuer,
    account,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };
}

const base = [
  withId(otp('Alpha', 'ana', 1), randomBytes),
  withId(otp('Beta', 'ben', 2), randomBytes),
  withId(otp('Gamma', 'cy', 3), randomBytes),
];
const names = (list: { account: string }[]) => list.map((a) => a.account);

describe('account list', () => {
  it('finds an account already present by issuer and name, ignoring case, or by its secret', () => {
    expect(findDuplicate(base, otp('ALPHA', 'Ana', 9))?.id).toBe(base[0]?.id);
    expect(findDuplicate(base, otp('Other', 'x', 2))?.id).toBe(base[1]?.id);
    expect(findDuplicate(base, otp('Other', 'x', 9))).toBeUndefined();
  });

  it('replaces a duplicate in place, keeping its position and pin, with the new secret', () => {
    const pinned = togglePin(base, base[0]?.id ?? '');
    const next = addAccounts(pinned, [otp('Alpha', 'ana', 7)], 'replace', randomBytes);
    expect(next).toHaveLength(3);
    expect(next[0]?.id).toBe(base[0]?.id);
    expect(next[0]?.pinned).toBe(true);
    expect(next[0]?.secret[0]).toBe(7);
  });

  it('keeps both when asked, appending the new account with its own id', () => {
    const next = addAccounts(base, [otp('Alpha', 'ana', 7)], 'keep-both', randomBytes);
    expect(names(next)).toEqual(['ana', 'ben', 'cy', 'ana']);
    expect(next[3]?.id).not.toBe(next[0]?.id);
  });

  it('lists pinned accounts first and moves accounts only within their group', () => {
    const pinned = togglePin(base, base[2]?.id ?? '');
    expect(names(displayOrder(pinned))).toEqual(['cy', 'ana', 'ben']);
    expect(names(moveAccount(pinned, base[0]?.id ?? '', -1))).toEqual(['cy', 'ana', 'ben']);
    expect(names(moveAccount(pinned, base[0]?.id ?? '', 1))).toEqual(['cy', 'ben', 'ana']);
  });

  it('edits and deletes only the chosen account and leaves the input list untouched', () => {
    const edited = updateAccount(base, base[1]?.id ?? '', { issuer: 'Beta Corp' });
    expect(edited[1]?.issuer).toBe('Beta Corp');
    expect(base[1]?.issuer).toBe('Beta');
    expect(names(removeAccount(base, base[1]?.id ?? ''))).toEqual(['ana', 'cy']);
  });

  it('filters by issuer or account name, case-insensitively', () => {
    expect(names(filterAccounts(base, 'gam'))).toEqual(['cy']);
    expect(names(filterAccounts(base, 'BEN'))).toEqual(['ben']);
    expect(names(filterAccounts(base, '  '))).toEqual(['ana', 'ben', 'cy']);
  });
});
