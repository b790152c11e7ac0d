import { useState } from 'preact/hooks';
import { formatOtpauthUri } from '../../../../shared/index.ts';
import { displayName, type VaultAccount } from '../../accounts/account.ts';
import { t } from '../../i18n/t.ts';
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
      <div class="confirm" role="alertdialog" aria-label={t('showSecretKey')}>
        <p class="warning">{t('accountQrWarning', displayName(chosen))}</p>
        <div class="actions">
          <button type="button" onClick={() => setConfirmed(true)}>
            {t('showQrAndLink')}
          </button>
          <button type="button" onClick={() => choose(null)}>
            {t('cancel')}
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
        <QrCode text={uri} label={t('qrCodeOf', displayName(chosen))} />
        <label>
          {t('otpauthLink')}
          <textarea readOnly rows={3} value={uri} spellcheck={false} />
        </label>
        <button type="button" onClick={() => choose(null)}>
          {t('hide')}
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
            aria-label={t('showQrCodeOf', displayName(account))}
          >
            {t('showQrCode')}
          </button>
        </li>
      ))}
    </ul>
  );
}
