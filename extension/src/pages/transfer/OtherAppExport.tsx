import { useEffect, useState } from 'preact/hooks';
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
      setError(`${caught instanceof Error ? caught.message : String(caught)} No file was saved.`);
    } finally {
      setBusy(false);
    }
  };
  const mismatch = confirm !== '' && password !== confirm;

  return (
    <div class="app-export">
      <form
        aria-label="Encrypted Aegis vault"
        onSubmit={(event) => {
          event.preventDefault();
          if (password !== '' && password === confirm) void save('aegis-encrypted', password);
        }}
      >
        <p>Aegis opens this vault with the password you choose here.</p>
        <label>
          Password for the Aegis vault
          <input
            type="password"
            autocomplete="new-password"
            value={password}
            onInput={(event) => setPassword((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          The same password again
          <input
            type="password"
            autocomplete="new-password"
            value={confirm}
            onInput={(event) => setConfirm((event.currentTarget as HTMLInputElement).value)}
          />
        </label>
        {mismatch && <p role="alert">The two passwords differ.</p>}
        <button type="submit" disabled={busy || none || password === '' || password !== confirm}>
          Save encrypted Aegis vault
        </button>
      </form>
      <p class="warning">
        The plain Aegis and 2FAS files are not encrypted: anyone who gets them can generate the codes of all
        your accounts. Import them on the phone, then delete them.
      </p>
      <label class="choice">
        <input
          type="checkbox"
          checked={understood}
          onChange={(event) => setUnderstood((event.currentTarget as HTMLInputElement).checked)}
        />
        I understand that these files reveal my secret keys
      </label>
      <button type="button" disabled={busy || none || !understood} onClick={() => void save('aegis')}>
        Save plain Aegis vault
      </button>
      <button type="button" disabled={busy || none || !understood} onClick={() => void save('2fas')}>
        Save 2FAS file
      </button>
      {saved && <p role="status">Saved {saved.fileName} to your downloads.</p>}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
