import { useState } from 'preact/hooks';
import { formatOtpauthUri } from '../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../accounts/account.ts';
import { QrCode } from './QrCode.tsx';

export interface AccountQrExportProps {
  accounts: readonly VaultAccount[];
}

/** One account's QR code and otpauth link, each shown only after the user confirms. */
export function AccountQrExport({ accounts }: AccountQrExportProps) {
  const [chosen, setChosen] = useState<VaultAccount | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const choose = (account: VaultAccount | null) => {
    setChosen(account);
    setConfirmed(false);
  };

  if (chosen && !confirmed) {
    return (
      <div class="confirm" role="alertdialog" aria-label="Show the secret key">
        <p class="warning">
          The QR code and link of {displayName(chosen)} contain its secret key: anyone who sees them can
          generate its codes. Show them only where nobody is watching your screen.
        </p>
        <div class="actions">
          <button type="button" onClick={() => setConfirmed(true)}>
            Show QR code and link
          </button>
          <button type="button" onClick={() => choose(null)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (chosen) {
    const uri = formatOtpauthUri(chosen);
    return (
      <div class="account-qr">
        <h4>{displayName(chosen)}</h4>
        <QrCode text={uri} label={`QR code of ${displayName(chosen)}`} />
        <label>
          otpauth link
          <textarea readOnly rows={3} value={uri} spellcheck={false} />
        </label>
        <button type="button" onClick={() => choose(null)}>
          Hide
        </button>
      </div>
    );
  }
  return (
    <ul class="export-accounts">
      {accounts.map((account) => (
        <li key={account.id}>
          <span>{displayName(account)}</span>{' '}
          <button
            type="button"
            onClick={() => choose(account)}
            aria-label={`Show QR code of ${displayName(account)}`}
          >
            Show QR code
          </button>
        </li>
      ))}
    </ul>
  );
}
