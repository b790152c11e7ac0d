import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { sameSite } from '../../../fill/site.ts';
import { AccountForm } from './AccountForm.tsx';

const hostOf = (origin: string) => new URL(origin).host;

export interface EditAccountProps {
  account: VaultAccount;
  onSave(changes: OtpAccount): void;
  onDelete(): void;
  onTogglePin(): void;
  onMove(direction: -1 | 1): void;
  onClose(): void;
  /** The origin of the page the popup is on, when it is a web page. */
  pageSite: string | null;
  /** Links the account to a site (the shortcut fills it there) or, with undefined, unlinks it. */
  onLinkSite(site: string | undefined): void;
}

export function EditAccount(props: EditAccountProps) {
  const { account, onSave, onDelete, onTogglePin, onMove, onClose, pageSite, onLinkSite } = props;
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  return (
    <section class="panel" aria-label={`Edit ${displayName(account)}`}>
      <h2>Edit {displayName(account)}</h2>
      <div class="actions">
        <button type="button" onClick={onTogglePin}>
          {account.pinned ? 'Unpin' : 'Pin to top'}
        </button>
        <button type="button" onClick={() => onMove(-1)}>
          Move up
        </button>
        <button type="button" onClick={() => onMove(1)}>
          Move down
        </button>
      </div>
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
      <AccountForm initial={account} submitLabel="Save" onSubmit={onSave} onCancel={onClose} />
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
