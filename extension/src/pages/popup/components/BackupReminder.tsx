import type { VaultAccount } from '../../../accounts/account.ts';
import { accountsNotBackedUp } from '../backup-reminder.ts';

export interface BackupReminderProps {
  accounts: readonly VaultAccount[];
  lastBackupAt: number | null;
  onBackUp(): void;
}

/** Shown while some accounts are in no backup: losing this browser profile would lose them. */
export function BackupReminder({ accounts, lastBackupAt, onBackUp }: BackupReminderProps) {
  const count = accountsNotBackedUp(accounts, lastBackupAt);
  if (count === 0) return null;
  const what = count === 1 ? '1 account is' : `${count} accounts are`;
  return (
    <p class="notice backup-reminder" role="status">
      {lastBackupAt === null ? `${what} not in any backup yet.` : `${what} newer than your last backup.`}{' '}
      <button type="button" class="link" onClick={onBackUp}>
        Back up now
      </button>
    </p>
  );
}
