import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t.ts';
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
      <p class="warning">{t('plainTextWarning')}</p>
      <label class="choice">
        <input
          type="checkbox"
          checked={understood}
          onChange={(event) => setUnderstood((event.currentTarget as HTMLInputElement).checked)}
        />
        {t('understandFileReveals')}
      </label>
      <button type="button" disabled={!understood || accountCount === 0} onClick={() => setSaved(onSave())}>
        {t('saveOtpauthTextFile')}
      </button>
      {saved && <p role="status">{t('savedToDownloads', saved.fileName)}</p>}
    </div>
  );
}
