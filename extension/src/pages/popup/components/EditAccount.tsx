import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { moveAccount, togglePin } from '../../../accounts/list.ts';
import type { OnPageSite } from '../../../fill/site-first.ts';
import { t } from '../../../i18n/t.ts';
import { applyPlacement, type Placement, placementOf } from '../placement.ts';
import { AccountForm } from './AccountForm.tsx';

const hostOf = (origin: string) => new URL(origin).host;

export interface EditAccountProps {
  account: VaultAccount;
  /** The whole list, for the account's place in it. */
  accounts: readonly VaultAccount[];
  /** Saves the fields and the place chosen on this screen together. */
  onSave(changes: OtpAccount, placement: Placement): void;
  onDelete(): void;
  onClose(): void;
  /** The origin of the page the popup is on, when it is a web page. */
  pageSite: string | null;
  /** Whether a site is the page's site: an account linked there needs no link. */
  onPageSite: OnPageSite;
  /** Links the account to a site (the shortcut fills it there) or, with undefined, unlinks it. */
  onLinkSite(site: string | undefined): void;
}

export function EditAccount(props: EditAccountProps) {
  const { account, onSave, onDelete, onClose, pageSite, onPageSite, onLinkSite } = props;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Pin and moves are a draft like the fields below: Save applies them all, Cancel none.
  const [draft, setDraft] = useState<Placement>(() => placementOf(props.accounts, account.id));
  const drafted = applyPlacement(props.accounts, account.id, draft);
  const redraft = (next: VaultAccount[]) => setDraft(placementOf(next, account.id));
  const position = drafted.findIndex((a) => a.id === account.id) + 1;
  return (
    <section class="panel" aria-label={t('editNamed', displayName(account))}>
      <h2>{t('editNamed', displayName(account))}</h2>
      <fieldset class="placement">
        <legend>{t('placementLegend')}</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.pinned}
            onChange={() => redraft(togglePin(drafted, account.id))}
          />
          {t('pinToTop')}
        </label>
        <div class="actions">
          <button type="button" onClick={() => redraft(moveAccount(drafted, account.id, -1))}>
            {t('moveUp')}
          </button>
          <button type="button" onClick={() => redraft(moveAccount(drafted, account.id, 1))}>
            {t('moveDown')}
          </button>
          <span role="status">{t('positionOf', position, drafted.length)}</span>
        </div>
      </fieldset>
      <fieldset class="site">
        <legend>{t('siteLegend')}</legend>
        <p>{account.site ? t('filledOn', hostOf(account.site)) : t('notLinkedToSite')}</p>
        {pageSite && !onPageSite(account.site) && (
          <button type="button" onClick={() => onLinkSite(pageSite)}>
            {t('linkTo', hostOf(pageSite))}
          </button>
        )}
        {account.site && (
          <button type="button" onClick={() => onLinkSite(undefined)}>
            {t('unlinkFrom', hostOf(account.site))}
          </button>
        )}
      </fieldset>
      <AccountForm
        initial={account}
        submitLabel={t('save')}
        onSubmit={(changes) => onSave(changes, draft)}
        onCancel={onClose}
      />
      {confirmingDelete ? (
        <div class="confirm" role="alertdialog" aria-label={t('confirmDelete')}>
          <p>{t('deletePrompt', displayName(account))}</p>
          <button type="button" class="danger" onClick={onDelete}>
            {t('deleteForGood')}
          </button>
          <button type="button" onClick={() => setConfirmingDelete(false)}>
            {t('keepIt')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirmingDelete(true)}>
          {t('deleteEllipsis')}
        </button>
      )}
    </section>
  );
}
