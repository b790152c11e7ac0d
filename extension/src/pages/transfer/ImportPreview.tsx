import type { OtpAccount } from '../../../../shared/index.ts';
import { t, tPlural } from '../../i18n/t.ts';
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
  /** What applying does, which names the button: Import 3 accounts, Restore 3 accounts. */
  verb: 'import' | 'restore';
  onAction(action: DuplicateAction): void;
  onApply(): void;
  onCancel(): void;
}

function kind(account: OtpAccount): string {
  if (account.type === 'steam') return t('typeSteam');
  return account.type === 'totp' ? t('kindTotp') : t('kindHotp');
}

/** Everything that an import or restore would change, shown before anything is stored. */
export function ImportPreview(props: ImportPreviewProps) {
  const { accounts, duplicates, skipped, action, busy, verb } = props;
  const repeats = props.repeats ?? 0;
  // Replaced duplicates are written too, so they count as applied.
  const count = accounts.length - (action === 'skip' ? duplicates.size : 0);
  return (
    <section class="preview" aria-label={t('preview')}>
      <h3>
        {[
          tPlural('accountsFound', accounts.length),
          skipped.length > 0 && tPlural('skippedCount', skipped.length),
          repeats > 0 && tPlural('repeatedCount', repeats),
        ]
          .filter(Boolean)
          .join(', ')}
      </h3>
      {accounts.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('issuer')}</th>
              <th scope="col">{t('columnAccount')}</th>
              <th scope="col">{t('type')}</th>
              <th scope="col">{t('digits')}</th>
              <th scope="col">{t('columnPeriod')}</th>
              <th scope="col">{t('columnStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account, index) => (
              <tr key={index} class={duplicates.has(index) ? 'duplicate' : undefined}>
                <td>{account.issuer || '—'}</td>
                <td>{account.account}</td>
                <td>{kind(account)}</td>
                <td>{account.digits}</td>
                <td>{account.type === 'hotp' ? '—' : t('periodValue', account.period)}</td>
                <td>{duplicates.has(index) ? t('alreadyInList') : t('statusNew')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {skipped.length > 0 && (
        <>
          <h4>{t('notImported')}</h4>
          <ul class="skipped" aria-label={t('skippedEntries')}>
            {skipped.map((entry, index) => (
              <li key={index}>
                <strong>{entry.label}</strong>
                {t('labelColon')} {entry.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {repeats > 0 && <p class="repeats">{tPlural('repeatsNote', repeats)}</p>}
      {duplicates.size > 0 && (
        <fieldset>
          <legend>{tPlural('duplicatesLegend', duplicates.size)}</legend>
          <label class="choice">
            <input
              type="radio"
              name="duplicates"
              checked={action === 'skip'}
              onChange={() => props.onAction('skip')}
            />
            {t('skipDuplicates')}
          </label>
          <label class="choice">
            <input
              type="radio"
              name="duplicates"
              checked={action === 'replace'}
              onChange={() => props.onAction('replace')}
            />
            {t('replaceDuplicates')}
          </label>
        </fieldset>
      )}
      <div class="actions">
        <button type="button" disabled={busy || count === 0} onClick={props.onApply}>
          {count === 0
            ? t('nothingNewToAdd')
            : tPlural(verb === 'import' ? 'importCount' : 'restoreCount', count)}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
