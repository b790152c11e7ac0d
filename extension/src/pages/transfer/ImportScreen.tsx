import { useRef, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';
import { t } from '../../i18n/t.ts';
import { chosenFiles } from './file-field.ts';
import { ImportPreview } from './ImportPreview.tsx';
import { type ImportPlan, type ImportSource, readSources, sourcesFromFiles } from './import-sources.ts';
import { type DuplicateAction, duplicateIndexes } from './merge.ts';

export interface ImportScreenProps {
  existing: readonly VaultAccount[];
  busy: boolean;
  qrTextFromImage(image: Blob): Promise<string | null>;
  /** Adds the accepted accounts in one vault write. */
  onImport(accounts: OtpAccount[], action: DuplicateAction): Promise<void>;
}

type Step =
  | { name: 'choose' }
  | { name: 'password'; sources: ImportSource[]; names: string[] }
  | { name: 'preview'; plan: ImportPlan };

/** Import from other authenticators: files (text, JSON, QR code images) or pasted text. */
export function ImportScreen({ existing, busy, qrTextFromImage, onImport }: ImportScreenProps) {
  const [files, setFiles] = useState<File[]>([]);
  const [pasted, setPasted] = useState('');
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const [error, setError] = useState('');
  const [reading, setReading] = useState(false);
  const [action, setAction] = useState<DuplicateAction>('skip');
  const [done, setDone] = useState('');
  const reader = useRef<AbortController | null>(null);

  const read = async (sources: ImportSource[], password?: string) => {
    setError('');
    setDone('');
    setReading(true);
    const controller = new AbortController();
    reader.current = controller;
    try {
      const outcome = await readSources(sources, password, controller.signal);
      if (outcome.kind === 'password') setStep({ name: 'password', sources, names: outcome.names });
      else setStep({ name: 'preview', plan: outcome.plan });
    } catch (caught) {
      if (controller.signal.aborted) return;
      setError(t('nothingImported', caught instanceof Error ? caught.message : String(caught)));
    } finally {
      if (reader.current === controller) reader.current = null;
      setReading(false);
    }
  };

  /** Back to the choice of files; a decryption under way is stopped, so its result never shows. */
  const cancel = () => {
    if (reader.current) {
      reader.current.abort();
      setDone(t('decryptionStopped'));
    }
    setStep({ name: 'choose' });
  };

  const start = async (event: Event) => {
    event.preventDefault();
    setError('');
    let sources: ImportSource[];
    try {
      sources = await sourcesFromFiles(files, qrTextFromImage);
    } catch (caught) {
      return setError(t('nothingImported', (caught as Error).message));
    }
    if (pasted.trim()) sources.push({ name: t('thePastedText'), text: pasted });
    await read(sources);
  };

  const feedback = (
    <>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </>
  );

  if (step.name === 'preview') {
    const { plan } = step;
    const apply = () =>
      onImport(plan.accounts, action).then(
        () => {
          setDone(t('importComplete'));
          setStep({ name: 'choose' });
          setPasted('');
        },
        (caught: Error) => setError(t('nothingImported', caught.message)),
      );
    return (
      <section aria-label={t('screenImport')}>
        {feedback}
        <ImportPreview
          accounts={plan.accounts}
          duplicates={duplicateIndexes(existing, plan.accounts)}
          skipped={plan.skipped}
          repeats={plan.repeats}
          action={action}
          busy={busy}
          verb="import"
          onAction={setAction}
          onApply={() => void apply()}
          onCancel={() => setStep({ name: 'choose' })}
        />
      </section>
    );
  }

  if (step.name === 'password') {
    const submit = (event: Event) => {
      event.preventDefault();
      const password = String(new FormData(event.currentTarget as HTMLFormElement).get('password') ?? '');
      if (!password) return setError(t('enterExportedFilePassword'));
      void read(step.sources, password);
    };
    return (
      <form aria-label={t('importPassword')} onSubmit={submit}>
        <p>{t('fileIsEncrypted', step.names.join(', '))}</p>
        <label>
          {t('exportedFilePassword')}
          <input name="password" type="password" autocomplete="off" />
        </label>
        {feedback}
        <div class="actions">
          <button type="submit" disabled={reading}>
            {reading ? t('decrypting') : t('continue')}
          </button>
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form aria-label={t('screenImport')} onSubmit={(event) => void start(event)}>
      <p>{t('importIntro')}</p>
      <label>
        {t('files')}
        <input
          type="file"
          multiple
          accept=".txt,.json,.2fas,.csv,.aes,text/plain,text/csv,application/json,image/png,image/jpeg"
          onChange={(event) => setFiles(chosenFiles(event))}
        />
      </label>
      <label>
        {t('orPasteExport')}
        <textarea
          rows={5}
          value={pasted}
          spellcheck={false}
          onInput={(event) => setPasted((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {feedback}
      <button type="submit" disabled={reading}>
        {reading ? t('reading') : t('previewImport')}
      </button>
    </form>
  );
}
