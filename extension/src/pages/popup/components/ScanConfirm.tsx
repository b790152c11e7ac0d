import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { sameAccount } from '../../../accounts/identity.ts';
import { type DuplicateChoice, findDuplicate } from '../../../accounts/list.ts';
import { t, tPlural } from '../../../i18n/t.ts';
import type { ScanOutcome } from '../../../scan/classify.ts';

export interface ScanConfirmProps {
  outcome: ScanOutcome;
  existing: readonly VaultAccount[];
  onAdd(accounts: OtpAccount[], choice: DuplicateChoice): void;
  /** Of several setup codes found, the one picked: it is then confirmed like a single one. */
  onChoose(accounts: OtpAccount[]): void;
  onDismiss(): void;
}

function describe(account: OtpAccount): string {
  if (account.type === 'steam') return t('describeSteam', account.digits, account.algorithm);
  if (account.type === 'totp') return t('describeTotp', account.digits, account.period, account.algorithm);
  return t('describeHotp', account.digits, account.algorithm);
}

/**
 * What Replace and Keep both would do. A duplicate with the same key shows the same codes, so
 * Replace changes only its details; with a different key the old key's codes stop.
 */
function duplicatePrompt(incoming: readonly OtpAccount[], existing: readonly VaultAccount[]): string {
  const pairs = incoming.flatMap((account) => {
    const found = findDuplicate(existing, account);
    return found ? [{ account, sameKey: sameAccount(found, account) }] : [];
  });
  const [only] = pairs;
  if (pairs.length === 1 && only) {
    return t(only.sameKey ? 'duplicateSameKey' : 'duplicateNewKey', displayName(only.account));
  }
  const same = pairs.filter((pair) => pair.sameKey).length;
  if (same === pairs.length) return t('duplicatesSameKeys', pairs.length);
  if (same === 0) return t('duplicatesNewKeys', pairs.length);
  return t('duplicatesMixedKeys', pairs.length, same, pairs.length - same);
}

/** What a scan found, for the user to confirm before anything is stored. */
export function ScanConfirm({ outcome, existing, onAdd, onChoose, onDismiss }: ScanConfirmProps) {
  if (outcome.kind === 'choose') {
    return <ChooseCode codes={outcome.codes} existing={existing} onChoose={onChoose} onDismiss={onDismiss} />;
  }
  if (outcome.kind !== 'accounts') {
    return (
      <section class="panel scan-result" aria-label={t('scanResult')}>
        <p class="error" role="alert">
          {outcome.message}
        </p>
        <button type="button" onClick={onDismiss}>
          {t('ok')}
        </button>
      </section>
    );
  }
  const duplicates = outcome.accounts.filter((account) => findDuplicate(existing, account));
  return (
    <section class="panel scan-result" aria-label={t('scanResult')}>
      <h2>
        {outcome.accounts.length === 1
          ? t('addThisAccount')
          : tPlural('addTheseAccounts', outcome.accounts.length)}
      </h2>
      <ul class="scanned">
        {outcome.accounts.map((account, index) => (
          <li key={index}>
            <strong>{account.issuer || t('noIssuer')}</strong> <span>{account.account}</span>
            <small>{describe(account)}</small>
            {findDuplicate(existing, account) && <em class="duplicate">{t('alreadyInList')}</em>}
          </li>
        ))}
      </ul>
      {duplicates.length > 0 ? (
        <>
          <p role="alert">{duplicatePrompt(duplicates, existing)}</p>
          <div class="actions">
            <button type="button" onClick={() => onAdd(outcome.accounts, 'replace')}>
              {t('replace')}
            </button>
            <button type="button" onClick={() => onAdd(outcome.accounts, 'keep-both')}>
              {t('keepBoth')}
            </button>
            <button type="button" onClick={onDismiss}>
              {t('cancel')}
            </button>
          </div>
        </>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => onAdd(outcome.accounts, 'keep-both')}>
            {t('add')}
          </button>
          <button type="button" onClick={onDismiss}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

interface ChooseCodeProps {
  codes: OtpAccount[][];
  existing: readonly VaultAccount[];
  onChoose(accounts: OtpAccount[]): void;
  onDismiss(): void;
}

const codeName = (accounts: OtpAccount[]) =>
  accounts.length === 1 && accounts[0] ? displayName(accounts[0]) : tPlural('accountCount', accounts.length);

/** Several setup codes were in view: one button per code, named for its account. */
function ChooseCode({ codes, existing, onChoose, onDismiss }: ChooseCodeProps) {
  return (
    <section class="panel scan-result" aria-label={t('scanResult')}>
      <h2 id="choose-code-heading">{t('codesFound', codes.length)}</h2>
      <ul class="scanned" aria-labelledby="choose-code-heading">
        {codes.map((accounts, index) => (
          <li key={index}>
            <button type="button" onClick={() => onChoose(accounts)}>
              {t('addNamed', codeName(accounts))}
            </button>
            <small>{accounts.map(describe).join('; ')}</small>
            {accounts.some((account) => findDuplicate(existing, account)) && (
              <em class="duplicate">{t('alreadyInList')}</em>
            )}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={onDismiss}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}
