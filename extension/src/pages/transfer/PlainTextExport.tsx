import { useEffect, useState } from 'preact/hooks';
import type { SavedFile } from './save-file.ts';

export interface PlainTextExportProps {
  accountCount: number;
  /** Writes the otpauth text file and starts its download. */
  onSave(): SavedFile;
}

/** The unencrypted export, only after the user has read the warning and ticked that they understand. */
export function PlainTextExport({ accountCount, onSave }: PlainTextExportProps) {
  const [understood, setUnderstood] = useState(false);
  const [saved, setSaved] = useState<SavedFile | null>(null);
  useEffect(() => () => saved?.revoke(), [saved]);
  return (
    <div class="plain-export">
      <p class="warning">
        This file is not encrypted. Anyone who gets it (a synced downloads folder, a shared computer, a mail)
        can generate the codes of all your accounts. Prefer “Back up” unless another app must read the file,
        and delete it once it is imported.
      </p>
      <label class="choice">
        <input
          type="checkbox"
          checked={understood}
          onChange={(event) => setUnderstood((event.currentTarget as HTMLInputElement).checked)}
        />
        I understand that this file reveals my secret keys
      </label>
      <button type="button" disabled={!understood || accountCount === 0} onClick={() => setSaved(onSave())}>
        Save text file of otpauth links
      </button>
      {saved && <p role="status">Saved {saved.fileName} to your downloads.</p>}
    </div>
  );
}
