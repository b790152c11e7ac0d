import { base32Decode, totp } from '../../shared/index.ts';
import { BACKUP_TEST_ACCOUNTS } from './backup-accounts.ts';

/** The popup rows ("Issuer|account|code") the shared module computes for the test accounts at `time`. */
export function expectedRows(time: number): string[] {
  return BACKUP_TEST_ACCOUNTS.map((account) => {
    const code = totp({
      secret: base32Decode(account.secret),
      time,
      algorithm: account.algorithm,
      digits: Number(account.digits),
      period: Number(account.period),
    });
    return `${account.issuer}|${account.account}|${code}`;
  });
}

/**
 * Runs `read` well inside one 30 s period (the popup redraws codes once a second), so codes read
 * from two browsers at nearly the same moment must be equal.
 */
export async function insideOnePeriod<T>(read: () => Promise<T>): Promise<T> {
  const into = Date.now() % 30_000;
  if (into < 3_000 || into > 26_000) {
    await new Promise((resolve) => setTimeout(resolve, ((33_000 - into) % 30_000) + 200));
  }
  return read();
}
