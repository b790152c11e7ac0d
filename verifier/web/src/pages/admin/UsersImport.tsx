import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client.ts';
import type { ImportPreview, ImportRowError } from '../../api/types.ts';
import { useSession } from '../../session.tsx';
import { Message } from '../../ui/Message.tsx';
import { errorText } from '../../ui/useLoad.ts';

/** How many rows of a large preview the page lists; the counts always cover the whole file. */
const SHOWN = 200;

const fieldNames: Record<string, string> = {
  email: 'e-mail',
  displayName: 'display name',
  group: 'group',
  source: 'sign-in source',
  twoFactorEnabled: '2FA enabled',
  username: 'username',
};

const show = (value: string | boolean) =>
  typeof value === 'boolean' ? (value ? 'y' : 'n') : value || '(empty)';

/**
 * Import CSV on the Users page: choosing a file shows a dry run (row errors, or the users to create and the
 * changes), and only Apply changes anything, all in one transaction on the server.
 */
export function UsersImport({ onImported }: { onImported: () => void }) {
  const { api } = useSession();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setCsv(null);
    setPreview(null);
    setRowErrors(null);
    setError(null);
  };

  const choose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    reset();
    setDone(null);
    setFileName(file.name);
    setBusy(true);
    try {
      const text = await file.text();
      setCsv(text);
      setPreview(await api.importUsers(text, true));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'invalid_csv') {
        setRowErrors((caught.details.errors as ImportRowError[] | undefined) ?? []);
      }
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (csv === null) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.importUsers(csv, false);
      reset();
      setDone(
        `Imported ${fileName}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
      );
      onImported();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="users-import">
      <div class="field">
        <label for="users-import-file">Import CSV</label>
        <input
          id="users-import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          aria-describedby="users-import-hint"
          onChange={(event) => void choose(event.currentTarget)}
        />
        <p class="hint" id="users-import-hint">
          Same columns as the export; the last one, 2FA Enabled, is y or n. You see what would change before
          anything is saved. Users whose 2FA is turned on set it up at their next sign-in.
        </p>
      </div>
      <Message id="users-import-error">{error}</Message>
      <Message kind="success">{done}</Message>
      {rowErrors && rowErrors.length > 0 && (
        <section class="import-preview" aria-labelledby="import-errors-title">
          <h2 id="import-errors-title">Problems in {fileName}</h2>
          <ul id="import-errors">
            {rowErrors.slice(0, SHOWN).map((problem) => (
              <li key={`${problem.row}-${problem.column ?? ''}`}>
                Row {problem.row}
                {problem.column ? ` (${fieldNames[problem.column] ?? problem.column})` : ''}: {problem.reason}
              </li>
            ))}
          </ul>
          {rowErrors.length > SHOWN && <p>…and {rowErrors.length - SHOWN} more.</p>}
        </section>
      )}
      {preview && (
        <section class="import-preview" aria-labelledby="import-preview-title">
          <h2 id="import-preview-title">Preview of {fileName}</h2>
          <p id="import-summary">
            {preview.created} to create, {preview.updated} to update, {preview.unchanged} unchanged. Nothing
            has been saved yet.
          </p>
          {preview.ignoredColumns.length > 0 && <p>Ignored columns: {preview.ignoredColumns.join(', ')}.</p>}
          {preview.creates.length + preview.updates.length > 0 && (
            <ul id="import-changes">
              {preview.creates.slice(0, SHOWN).map((create) => (
                <li key={`c${create.row}`}>
                  Row {create.row}: new user <strong>{create.username}</strong> in {create.group}, 2FA{' '}
                  {create.twoFactorEnabled ? 'on' : 'off'}
                </li>
              ))}
              {preview.updates.slice(0, SHOWN).map((update) => (
                <li key={`u${update.row}`}>
                  Row {update.row}: <strong>{update.username}</strong>:{' '}
                  {update.changes
                    .map(
                      (change) =>
                        `${fieldNames[change.field] ?? change.field} ${show(change.from)} → ${show(change.to)}`,
                    )
                    .join(', ')}
                </li>
              ))}
            </ul>
          )}
          <div class="actions">
            <button
              type="button"
              class="button primary"
              disabled={busy || preview.created + preview.updated === 0}
              onClick={() => void apply()}
            >
              {busy ? 'Applying…' : 'Apply'}
            </button>
            <button type="button" class="button link" onClick={reset}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
