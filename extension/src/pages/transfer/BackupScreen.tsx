import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t.ts';
import { NewPasswordInputs } from '../components/NewPasswordInputs.tsx';
import { newPasswordProblem } from '../components/password-length.ts';
import type { SavedFile } from './save-file.ts';

export interface BackupScreenProps {
  accountCount: number;
  lastBackupAt: number | null;
  /** Encrypts the accounts with `password`, starts the download and records the backup time. */
  onBackUp(password: string): Promise<SavedFile>;
  onPlainExport(): void;
}

/** Back up: an encrypted file protected by its own password, typed twice. */
export function BackupScreen({ accountCount, lastBackupAt, onBackUp, onPlainExport }: BackupScreenProps) {
  const [error, setError] = useState('');
  const [working, setWorking] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  useEffect(() => () => saved?.revoke(), [saved]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    setError('');
    const problem = newPasswordProblem(password, String(data.get('confirm') ?? ''));
    if (problem) return setError(problem);
    setWorking(true);
    try {
      setSaved(await onBackUp(password));
      form.reset();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setWorking(false);
    }
  };

  return (
    <section aria-label="Back up">
      <p>
        Saves your {accountCount === 1 ? 'account' : `${accountCount} accounts`} in an encrypted file. Keep it
        somewhere other than this browser; you need its password to restore it.
      </p>
      <p>
        {lastBackupAt === null
          ? 'No backup has been made yet.'
          : `Last backup: ${new Date(lastBackupAt).toLocaleString()}.`}
      </p>
      <form aria-label="Make a backup" onSubmit={(event) => void submit(event)}>
        <NewPasswordInputs
          label={t('backupPassword')}
          confirmLabel={t('confirmBackupPassword')}
          name="password"
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={working}>
          {working ? 'Encrypting…' : 'Save encrypted backup'}
        </button>
      </form>
      {saved && (
        <p role="status">
          Backup saved to your downloads.{' '}
          <a href={saved.url} download={saved.fileName}>
            Save {saved.fileName} again
          </a>
        </p>
      )}
      <p>
        Need a file another app can read?{' '}
        <button type="button" class="link" onClick={onPlainExport}>
          Export without encryption…
        </button>
      </p>
    </section>
  );
}
