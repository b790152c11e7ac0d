import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, t, tPlural } from '../../i18n/t.ts';
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
    <section aria-label={t('screenBackup')}>
      <p>{tPlural('backupIntro', accountCount)}</p>
      <p>{lastBackupAt === null ? t('noBackupYet') : t('lastBackup', formatDateTime(lastBackupAt))}</p>
      <form aria-label={t('makeBackup')} onSubmit={(event) => void submit(event)}>
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
          {working ? t('encrypting') : t('saveEncryptedBackup')}
        </button>
      </form>
      {saved && (
        <p role="status">
          {t('backupSaved')}{' '}
          <a href={saved.url} download={saved.fileName}>
            {t('saveFileAgain', saved.fileName)}
          </a>
        </p>
      )}
      <p>
        {t('needPlainFile')}{' '}
        <button type="button" class="link" onClick={onPlainExport}>
          {t('exportWithoutEncryption')}
        </button>
      </p>
    </section>
  );
}
