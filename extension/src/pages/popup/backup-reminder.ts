import type { VaultAccount } from '../../accounts/account.ts';

/**
 * How many accounts are not in any backup made from this vault: those added after the last backup,
 * or all of them when there has been none. Accounts whose added-at time is unknown (0, from before
 * format 3) count as covered once any backup has been made.
 */
export function accountsNotBackedUp(
  accounts: readonly Pick<VaultAccount, 'addedAt'>[],
  lastBackupAt: number | null,
): number {
  if (lastBackupAt === null) return accounts.length;
  return accounts.filter((account) => (account.addedAt ?? 0) > lastBackupAt).length;
}
