import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { moveAccount, togglePin } from '../../../accounts/list.ts';
import { sameSite } from '../../../fill/site.ts';
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
  /** Links the account to a site (the shortcut fills it there) or, with undefined, unlinks it. */
  onLinkSite(site: string | undefined): void;
}

export function EditAccount(props: EditAccountProps) {
  const { account, onSave, onDelete, onClose, pageSite, onLinkSite } = props;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  // Pin and moves are a draft like the fields below: Save applies them all, Cancel none.
  const [draft, setDraft] = useState<Placement>(() => placementOf(props.accounts, account.id));
  const drafted = applyPlacement(props.accounts, account.id, draft);
  const redraft = (next: VaultAccount[]) => setDraft(placementOf(next, account.id));
  const position = drafted.findIndex((a) => a.id === account.id) + 1;
  return (
    <section class="panel" aria-label={`Edit ${displayName(account)}`}>
      <h2>Edit {displayName(account)}</h2>
      <fieldset class="placement">
        <legend>Place in your list (applied when you save)</legend>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={draft.pinned}
            onChange={() => redraft(togglePin(drafted, account.id))}
          />
          Pin to top
        </label>
        <div class="actions">
          <button type="button" onClick={() => redraft(moveAccount(drafted, account.id, -1))}>
            Move up
          </button>
          <button type="button" onClick={() => redraft(moveAccount(drafted, account.id, 1))}>
            Move down
          </button>
          <span role="status">
            Position {position} of {drafted.length}
          </span>
        </div>
      </fieldset>
      <fieldset class="site">
        <legend>Site</legend>
        <p>
          {account.site
            ? `Filled on ${hostOf(account.site)} and its other addresses.`
            : 'Not linked to a site: the shortcut does not fill it anywhere yet.'}
        </p>
        {pageSite && !sameSite(account.site, pageSite) && (
          <button type="button" onClick={() => onLinkSite(pageSite)}>
            Link to {hostOf(pageSite)}
          </button>
        )}
        {account.site && (
          <button type="button" onClick={() => onLinkSite(undefined)}>
            Unlink from {hostOf(account.site)}
          </button>
        )}
      </fieldset>
      <AccountForm
        initial={account}
        submitLabel="Save"
        onSubmit={(changes) => onSave(changes, draft)}
        onCancel={onClose}
      />
      {confirmingDelete ? (
        <div class="confirm" role="alertdialog" aria-label="Confirm delete">
          <p>
            Delete {displayName(account)}? You will not be able to make codes for it unless you add it again
            from the service.
          </p>
          <button type="button" class="danger" onClick={onDelete}>
            Delete for good
          </button>
          <button type="button" onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirmingDelete(true)}>
          Delete…
        </button>
      )}
    </section>
  );
}
