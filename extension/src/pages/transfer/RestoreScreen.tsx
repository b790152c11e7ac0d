import { useState } from 'preact/hooks';
import type { VaultAccount } from '../../accounts/account.ts';
import { formatDateTime, t } from '../../i18n/t.ts';
import { type RestoredBackup, readBackup, TransferError } from '../../transfer/index.ts';
import { chosenFiles } from './file-field.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { type DuplicateAction, duplicateIndexes } from './merge.ts';

export interface RestoreScreenProps {
  existing: readonly VaultAccount[];
  busy: boolean;
  /** Applies the whole backup in one vault write; resolves when it is stored. */
  onRestore(backup: RestoredBackup, action: DuplicateAction): Promise<void>;
}

const MAX_BACKUP_BYTES = 32 * 1024 * 1024;

/** The transfer module's messages that already say nothing was restored, in the UI language. */
const saysNothingRestored = (message: string) =>
  message === t('backupDamagedAfterPassword') || message === t('backupNotWholeJsonNothingRestored');

/** The message with "Nothing was changed." added, unless it says so already. */
const nothingChanged = (message: string) =>
  /nothing was (restored|changed)/i.test(message) || saysNothingRestored(message)
    ? message
    : t('nothingChanged', message);

/** Restore: a backup file and its password, a preview with the duplicates, then all or nothing. */
export function RestoreScreen({ existing, busy, onRestore }: RestoreScreenProps) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [opening, setOpening] = useState(false);
  const [backup, setBackup] = useState<RestoredBackup | null>(null);
  const [action, setAction] = useState<DuplicateAction>('skip');
  const [done, setDone] = useState('');

  const open = async (event: Event) => {
    event.preventDefault();
    setError('');
    setDone('');
    if (!file) return setError(t('chooseBackupFile'));
    if (file.size > MAX_BACKUP_BYTES) return setError(t('fileTooLargeForBackup'));
    const password = String(new FormData(event.currentTarget as HTMLFormElement).get('password') ?? '');
    if (!password) return setError(t('enterBackupPassword'));
    setOpening(true);
    try {
      setBackup(await readBackup(await file.text(), password));
    } catch (caught) {
      // The transfer module's messages are written for the user; anything else is shown as is.
      const message = caught instanceof Error ? caught.message : String(caught);
      setError(caught instanceof TransferError ? nothingChanged(message) : message);
    } finally {
      setOpening(false);
    }
  };

  if (backup) {
    const restore = () =>
      onRestore(backup, action).then(
        () => {
          setDone(t('restoredFrom', formatDateTime(Date.parse(backup.createdAt))));
          setBackup(null);
        },
        (caught: Error) => {
          setError(nothingChanged(caught.message));
          setBackup(null);
        },
      );
    return (
      <section aria-label={t('screenRestore')}>
        <p>{t('backupMadeAt', formatDateTime(Date.parse(backup.createdAt)))}</p>
        <ImportPreview
          accounts={backup.accounts}
          duplicates={duplicateIndexes(existing, backup.accounts)}
          skipped={[]}
          action={action}
          busy={busy}
          verb="restore"
          onAction={setAction}
          onApply={() => void restore()}
          onCancel={() => setBackup(null)}
        />
      </section>
    );
  }

  return (
    <form aria-label={t('screenRestore')} onSubmit={(event) => void open(event)}>
      <p>{t('restoreIntro')}</p>
      <label>
        {t('backupFile')}
        <input
          type="file"
          name="file"
          accept=".json,application/json"
          onChange={(event) => setFile(chosenFiles(event)[0] ?? null)}
        />
      </label>
      <label>
        {t('backupPassword')}
        <input name="password" type="password" autocomplete="off" />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      <button type="submit" disabled={opening}>
        {opening ? t('opening') : t('openBackup')}
      </button>
    </form>
  );
}
