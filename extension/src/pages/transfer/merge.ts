import type { OtpAccount } from '../../../../shared/index.ts';
import { type VaultAccount, withId } from '../../accounts/account.ts';
import { findDuplicates } from '../../accounts/identity.ts';
import type { BackupAccount } from '../../transfer/index.ts';

/** What to do with an incoming account already in the vault (the same secret; see accounts/identity.ts). */
export type DuplicateAction = 'skip' | 'replace';

/** Which incoming accounts are already in the vault, by their index in `incoming`. */
export function duplicateIndexes(
  existing: readonly OtpAccount[],
  incoming: readonly OtpAccount[],
): Set<number> {
  return new Set(findDuplicates(existing, incoming).map((d) => d.incomingIndex));
}

function otpFields(account: BackupAccount): OtpAccount {
  const { type, secret, issuer, account: name, algorithm, digits, period, counter } = account;
  return { type, secret, issuer, account: name, algorithm, digits, period, counter };
}

/**
 * The list after an import or a restore, for one vault write: new accounts are appended in their
 * order; duplicates are left alone ('skip') or take the incoming fields in place ('replace'),
 * keeping the existing id, pin, added-at time, site and icon (the secret is the same; a site or an
 * icon comes from the file only where the vault's account has none). `addedAt`, when given,
 * stamps the new accounts (a restore passes the backup's time); otherwise the vault stamps them.
 */
export function mergeIncoming(
  existing: readonly VaultAccount[],
  incoming: readonly BackupAccount[],
  action: DuplicateAction,
  randomBytes: (n: number) => Uint8Array,
  addedAt?: number,
): VaultAccount[] {
  const next = [...existing];
  const duplicateOf = new Map(
    findDuplicates(existing, incoming).map((d) => [d.incomingIndex, d.existingIndex]),
  );
  incoming.forEach((account, index) => {
    const existingIndex = duplicateOf.get(index);
    if (existingIndex === undefined) {
      const added = {
        ...withId(otpFields(account), randomBytes, account.pinned === true),
        ...(account.site !== undefined && { site: account.site }),
        ...(account.icon !== undefined && { icon: account.icon }),
      };
      next.push(addedAt === undefined ? added : { ...added, addedAt });
    } else if (action === 'replace') {
      const kept = existing[existingIndex] as VaultAccount;
      next[existingIndex] = {
        ...otpFields(account),
        id: kept.id,
        pinned: kept.pinned,
        addedAt: kept.addedAt,
        ...((kept.site ?? account.site) !== undefined && { site: kept.site ?? account.site }),
        ...((kept.icon ?? account.icon) !== undefined && { icon: kept.icon ?? account.icon }),
      };
    }
  });
  return next;
}
