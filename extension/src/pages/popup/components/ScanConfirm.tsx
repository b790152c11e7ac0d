import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { sameAccount } from '../../../accounts/identity.ts';
import { type DuplicateChoice, findDuplicate } from '../../../accounts/list.ts';
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
  const kind =
    account.type === 'steam'
      ? 'Steam Guard, every 30 s'
      : account.type === 'totp'
        ? `time-based, every ${account.period} s`
        : 'counter-based';
  return `${account.digits} digits, ${kind}, ${account.algorithm}`;
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
    return only.sameKey
      ? `${displayName(only.account)} is already in your list. It has this same key: Replace updates its details and keeps its place; Keep both adds a second entry that shows the same codes.`
      : `${displayName(only.account)} is already in your list. The new key is different: Replace keeps its place and uses the new key, so the old key’s codes stop; Keep both adds a second entry.`;
  }
  const same = pairs.filter((pair) => pair.sameKey).length;
  const keys =
    same === pairs.length
      ? 'all with the same keys'
      : same === 0
        ? 'all with different keys'
        : `${same} with the same key, ${pairs.length - same} with a different one`;
  return `${pairs.length} of these are already in your list (${keys}). Replace keeps their places and uses the keys scanned now; Keep both adds second entries.`;
}

/** What a scan found, for the user to confirm before anything is stored. */
export function ScanConfirm({ outcome, existing, onAdd, onChoose, onDismiss }: ScanConfirmProps) {
  if (outcome.kind === 'choose') {
    return <ChooseCode codes={outcome.codes} existing={existing} onChoose={onChoose} onDismiss={onDismiss} />;
  }
  if (outcome.kind !== 'accounts') {
    return (
      <section class="panel scan-result" aria-label="Scan result">
        <p class="error" role="alert">
          {outcome.message}
        </p>
        <button type="button" onClick={onDismiss}>
          OK
        </button>
      </section>
    );
  }
  const duplicates = outcome.accounts.filter((account) => findDuplicate(existing, account));
  return (
    <section class="panel scan-result" aria-label="Scan result">
      <h2>
        {outcome.accounts.length === 1
          ? 'Add this account?'
          : `Add these ${outcome.accounts.length} accounts?`}
      </h2>
      <ul class="scanned">
        {outcome.accounts.map((account, index) => (
          <li key={index}>
            <strong>{account.issuer || '(no issuer)'}</strong> <span>{account.account}</span>
            <small>{describe(account)}</small>
            {findDuplicate(existing, account) && <em class="duplicate">Already in your list</em>}
          </li>
        ))}
      </ul>
      {duplicates.length > 0 ? (
        <>
          <p role="alert">{duplicatePrompt(duplicates, existing)}</p>
          <div class="actions">
            <button type="button" onClick={() => onAdd(outcome.accounts, 'replace')}>
              Replace
            </button>
            <button type="button" onClick={() => onAdd(outcome.accounts, 'keep-both')}>
              Keep both
            </button>
            <button type="button" onClick={onDismiss}>
              Cancel
            </button>
          </div>
        </>
      ) : (
        <div class="actions">
          <button type="button" onClick={() => onAdd(outcome.accounts, 'keep-both')}>
            Add
          </button>
          <button type="button" onClick={onDismiss}>
            Cancel
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
  accounts.length === 1 && accounts[0] ? displayName(accounts[0]) : `${accounts.length} accounts`;

/** Several setup codes were in view: one button per code, named for its account. */
function ChooseCode({ codes, existing, onChoose, onDismiss }: ChooseCodeProps) {
  return (
    <section class="panel scan-result" aria-label="Scan result">
      <h2 id="choose-code-heading">{codes.length} setup codes were found: choose the one to add</h2>
      <ul class="scanned" aria-labelledby="choose-code-heading">
        {codes.map((accounts, index) => (
          <li key={index}>
            <button type="button" onClick={() => onChoose(accounts)}>
              {`Add ${codeName(accounts)}`}
            </button>
            <small>{accounts.map(describe).join('; ')}</small>
            {accounts.some((account) => findDuplicate(existing, account)) && (
              <em class="duplicate">Already in your list</em>
            )}
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" onClick={onDismiss}>
          Cancel
        </button>
      </div>
    </section>
  );
}
