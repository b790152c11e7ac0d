import type { OtpAccount } from '../../../../shared/index.ts';
import type { SkippedEntry } from '../../transfer/index.ts';
import type { DuplicateAction } from './merge.ts';

export interface ImportPreviewProps {
  /** What the file holds; `duplicates` are indexes into it. */
  accounts: readonly OtpAccount[];
  duplicates: ReadonlySet<number>;
  skipped: readonly SkippedEntry[];
  /** Entries that repeat one already listed (same account, same name): counted, not listed. */
  repeats?: number;
  action: DuplicateAction;
  busy: boolean;
  /** "Import" or "Restore". */
  verb: string;
  onAction(action: DuplicateAction): void;
  onApply(): void;
  onCancel(): void;
}

function kind(account: OtpAccount): string {
  if (account.type === 'steam') return 'Steam Guard';
  return account.type === 'totp' ? 'Time-based' : 'Counter-based';
}

/** Everything that an import or restore would change, shown before anything is stored. */
export function ImportPreview(props: ImportPreviewProps) {
  const { accounts, duplicates, skipped, action, busy, verb } = props;
  const repeats = props.repeats ?? 0;
  // Replaced duplicates are written too, so they count as applied.
  const count = accounts.length - (action === 'skip' ? duplicates.size : 0);
  return (
    <section class="preview" aria-label="Preview">
      <h3>
        {accounts.length === 1 ? '1 account found' : `${accounts.length} accounts found`}
        {skipped.length > 0 && `, ${skipped.length} skipped`}
        {repeats > 0 && `, ${repeats} repeated`}
      </h3>
      {accounts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Issuer</th>
              <th scope="col">Account</th>
              <th scope="col">Type</th>
              <th scope="col">Digits</th>
              <th scope="col">Period</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account, index) => (
              <tr key={index} class={duplicates.has(index) ? 'duplicate' : undefined}>
                <td>{account.issuer || '—'}</td>
                <td>{account.account}</td>
                <td>{kind(account)}</td>
                <td>{account.digits}</td>
                <td>{account.type === 'hotp' ? '—' : `${account.period} s`}</td>
                <td>{duplicates.has(index) ? 'Already in your list' : 'New'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {skipped.length > 0 && (
        <>
          <h4>Not imported</h4>
          <ul class="skipped" aria-label="Skipped entries">
            {skipped.map((entry, index) => (
              <li key={index}>
                <strong>{entry.label}</strong>: {entry.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {repeats > 0 && (
        <p class="repeats">
          {repeats === 1
            ? '1 entry repeats an account listed above (same key and name); it is added once.'
            : `${repeats} entries repeat accounts listed above (same key and name); each is added once.`}
        </p>
      )}
      {duplicates.size > 0 && (
        <fieldset>
          <legend>
            {duplicates.size === 1
              ? '1 account is already in your list (same key and account name)'
              : `${duplicates.size} accounts are already in your list (same key and account name)`}
          </legend>
          <label class="choice">
            <input
              type="radio"
              name="duplicates"
              checked={action === 'skip'}
              onChange={() => props.onAction('skip')}
            />
            Skip them: keep the ones in your list as they are
          </label>
          <label class="choice">
            <input
              type="radio"
              name="duplicates"
              checked={action === 'replace'}
              onChange={() => props.onAction('replace')}
            />
            Replace them with the imported details
          </label>
        </fieldset>
      )}
      <div class="actions">
        <button type="button" disabled={busy || count === 0} onClick={props.onApply}>
          {count === 0 ? 'Nothing new to add' : `${verb} ${count} account${count === 1 ? '' : 's'}`}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
