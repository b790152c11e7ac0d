import type { OtpAccount } from '../../../shared/index.ts';
import { equalBytes } from './bytes.ts';

type Identity = Pick<OtpAccount, 'secret' | 'account'>;

/** An incoming account that is already present: same secret bytes and same account name. */
export interface Duplicate {
  incomingIndex: number;
  existingIndex: number;
}

function nameKey(account: string): string {
  return account.normalize('NFC');
}

/**
 * Finds incoming accounts that are already in `existing`, so the user can choose to skip or
 * replace them. Secrets are compared as bytes: `JBSWY3DP` and `jbsw y3dp` are the same secret.
 * Each incoming account is matched to the first existing one.
 */
export function findDuplicates(existing: readonly Identity[], incoming: readonly Identity[]): Duplicate[] {
  const byName = new Map<string, number[]>();
  existing.forEach((account, index) => {
    const key = nameKey(account.account);
    byName.set(key, [...(byName.get(key) ?? []), index]);
  });
  const duplicates: Duplicate[] = [];
  incoming.forEach((account, incomingIndex) => {
    const candidates = byName.get(nameKey(account.account)) ?? [];
    const existingIndex = candidates.find((index) =>
      equalBytes((existing[index] as Identity).secret, account.secret),
    );
    if (existingIndex !== undefined) duplicates.push({ incomingIndex, existingIndex });
  });
  return duplicates;
}
