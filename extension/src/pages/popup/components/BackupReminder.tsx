import type { VaultAccount } from '../../../accounts/account.ts';
import { t, tPlural } from '../../../i18n/t.ts';
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
  return (
    <p class="notice backup-reminder" role="status">
      {tPlural(lastBackupAt === null ? 'notBackedUpYet' : 'newerThanBackup', count)}{' '}
      <button type="button" class="link" onClick={onBackUp}>
        {t('backUpNow')}
      </button>
    </p>
  );
}
