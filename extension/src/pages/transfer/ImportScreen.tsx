import { useRef, useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import type { VaultAccount } from '../../accounts/account.ts';
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
      setError(`${caught instanceof Error ? caught.message : String(caught)} Nothing was imported.`);
    } finally {
      if (reader.current === controller) reader.current = null;
      setReading(false);
    }
  };

  /** Back to the choice of files; a decryption under way is stopped, so its result never shows. */
  const cancel = () => {
    if (reader.current) {
      reader.current.abort();
      setDone('Decryption stopped. Nothing was imported.');
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
      return setError(`${(caught as Error).message} Nothing was imported.`);
    }
    if (pasted.trim()) sources.push({ name: 'The pasted text', text: pasted });
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
          setDone('Import complete: the accounts are in your list.');
          setStep({ name: 'choose' });
          setPasted('');
        },
        (caught: Error) => setError(`${caught.message} Nothing was imported.`),
      );
    return (
      <section aria-label="Import">
        {feedback}
        <ImportPreview
          accounts={plan.accounts}
          duplicates={duplicateIndexes(existing, plan.accounts)}
          skipped={plan.skipped}
          repeats={plan.repeats}
          action={action}
          busy={busy}
          verb="Import"
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
      if (!password) return setError('Enter the password of the exported file.');
      void read(step.sources, password);
    };
    return (
      <form aria-label="Import password" onSubmit={submit}>
        <p>{step.names.join(', ')} is encrypted. Enter the password it was exported with.</p>
        <label>
          Password of the exported file
          <input name="password" type="password" autocomplete="off" />
        </label>
        {feedback}
        <div class="actions">
          <button type="submit" disabled={reading}>
            {reading ? 'Decrypting…' : 'Continue'}
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  return (
    <form aria-label="Import" onSubmit={(event) => void start(event)}>
      <p>
        Reads otpauth:// links (one per line), the export QR codes of phone authenticators (as text or as
        PNG/JPEG screenshots, several at once), and the exports of Aegis, 2FAS, andOTP, Bitwarden (JSON or
        CSV), FreeOTP+, Proton Authenticator, Stratum, Ente Auth and the Authenticator extension, plain or
        encrypted. The format is detected.
      </p>
      <label>
        Files
        <input
          type="file"
          multiple
          accept=".txt,.json,.2fas,.csv,.aes,text/plain,text/csv,application/json,image/png,image/jpeg"
          onChange={(event) => setFiles(chosenFiles(event))}
        />
      </label>
      <label>
        Or paste the exported text
        <textarea
          rows={5}
          value={pasted}
          spellcheck={false}
          onInput={(event) => setPasted((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {feedback}
      <button type="submit" disabled={reading}>
        {reading ? 'Reading…' : 'Preview import'}
      </button>
    </form>
  );
}
