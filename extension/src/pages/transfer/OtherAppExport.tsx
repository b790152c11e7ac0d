import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t.ts';
import type { SavedFile } from './save-file.ts';

/** The files other authenticators import: Aegis vaults (encrypted or plain) and 2FAS backups. */
export type AppFileKind = 'aegis-encrypted' | 'aegis' | '2fas';

export interface OtherAppExportProps {
  accountCount: number;
  /** Writes the file and starts its download; the password is for the encrypted Aegis vault. */
  onSave(kind: AppFileKind, password?: string): Promise<SavedFile>;
}

/** Export for a phone app: an encrypted Aegis vault, or plain Aegis and 2FAS files behind a warning. */
export function OtherAppExport({ accountCount, onSave }: OtherAppExportProps) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  const [error, setError] = useState('');
  useEffect(() => () => saved?.revoke(), [saved]);
  const none = accountCount === 0;

  const save = async (kind: AppFileKind, secret?: string) => {
    setError('');
    setBusy(true);
    try {
      setSaved(await onSave(kind, secret));
      setPassword('');
      setConfirm('');
    } catch (caught) {
      setError(t('noFileSaved', caught instanceof Error ? caught.message : String(caught)));
    } finally {
      setBusy(false);
    }
  };
  const mismatch = confirm !== '' && password !== confirm;

  return (
    <div class="app-export">
      <form
        aria-label={t('encryptedAegisVault')}
        onSubmit={(event) => {
          event.preventDefault();
          if (password !== '' && password === confirm) void save('aegis-encrypted', password);
        }}
      >
        <p>{t('aegisPasswordIntro')}</p>
        <label>
          {t('aegisPassword')}
          <input
            type="password"
            autocomplete="new-password"
            value={password}
            onInput={(event) => setPassword((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('samePasswordAgain')}
          <input
            type="password"
            autocomplete="new-password"
            value={confirm}
            onInput={(event) => setConfirm((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {mismatch && <p role="alert">{t('twoPasswordsDiffer')}</p>}
        <button type="submit" disabled={busy || none || password === '' || password !== confirm}>
          {t('saveEncryptedAegis')}
        </button>
      </form>
      <p class="warning">{t('plainAppFilesWarning')}</p>
      <label class="choice">
        <input
          type="checkbox"
          checked={understood}
          onChange={(event) => setUnderstood((event.currentTarget as HTMLInputElement).checked)}
        />
        {t('understandFilesReveal')}
      </label>
      <button type="button" disabled={busy || none || !understood} onClick={() => void save('aegis')}>
        {t('savePlainAegis')}
      </button>
      <button type="button" disabled={busy || none || !understood} onClick={() => void save('2fas')}>
        {t('save2fas')}
      </button>
      {saved && <p role="status">{t('savedToDownloads', saved.fileName)}</p>}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
