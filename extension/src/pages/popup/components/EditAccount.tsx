import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../../accounts/account.ts';
import { AccountForm } from './AccountForm.tsx';

export interface EditAccountProps {
  account: VaultAccount;
  onSave(changes: OtpAccount): void;
  onDelete(): void;
  onTogglePin(): void;
  onMove(direction: -1 | 1): void;
  onClose(): void;
}

export function EditAccount({ account, onSave, onDelete, onTogglePin, onMove, onClose }: EditAccountProps) {
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
