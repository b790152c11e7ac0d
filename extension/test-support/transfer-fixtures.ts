import type { OtpAccount } from '../../shared/index.ts';
import { base64Encode } from '../../shared/internal/base64.ts';
import { type VaultAccount, withId } from '../src/accounts/account.ts';
import type { KdfParams } from '../src/crypto/kdf.ts';
import { randomBytes } from '../src/platform/random.ts';
import { createBackup } from '../src/transfer/index.ts';

/** Accounts and backup files for the transfer screens' tests. */
export function otp(n: number, overrides: Partial<OtpAccount> = {}): OtpAccount {
  return {
    type: 'totp',
    secret: new Uint8Array(20).fill(n),
    issuer: `Service ${n}`,
    account: `user${n}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

export function inVault(account: OtpAccount, addedAt = 1_000): VaultAccount {
  return { ...withId(account, randomBytes), addedAt };
}

/** Low-cost scrypt keeps the tests fast; the file format stores the parameters, so restore follows them. */
export const fastKdf = (): KdfParams => ({
  algorithm: 'scrypt',
  N: 1024,
  r: 8,
  p: 1,
  dkLen: 32,
  salt: base64Encode(randomBytes(16)),
});

export const BACKUP_PASSWORD = 'correct horse battery';

export async function backupOf(accounts: OtpAccount[], now = new Date(2026, 10, 20, 9, 0)): Promise<string> {
  return (await createBackup(accounts, BACKUP_PASSWORD, { now, randomBytes, kdf: fastKdf() })).text;
}
