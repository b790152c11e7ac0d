import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { type MigrationExport, toMigrationPages } from '../../transfer/index.ts';
import { QrCode } from './QrCode.tsx';

export interface PhoneExportProps {
  accounts: readonly OtpAccount[];
  randomBytes(n: number): Uint8Array;
}

/** Every account as export QR codes a phone authenticator scans, one page at a time. */
export function PhoneExport({ accounts, randomBytes }: PhoneExportProps) {
  const [pages, setPages] = useState<MigrationExport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [index, setIndex] = useState(0);

  if (confirming) {
    return (
      <div class="confirm" role="alertdialog" aria-label={t('showExportQrCodes')}>
        <p class="warning">{t('phoneExportWarning')}</p>
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setPages(toMigrationPages(accounts, { randomBytes }));
              setIndex(0);
              setConfirming(false);
            }}
          >
            {t('showExportQrCodes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      </div>
    );
  }
  if (!pages) {
    return (
      <button type="button" disabled={accounts.length === 0} onClick={() => setConfirming(true)}>
        {t('exportAllToPhone')}
      </button>
    );
  }
  const uri = pages.uris[index];
  return (
    <div class="phone-export">
      {uri ? (
        <>
          <p>{t('scanEachPage')}</p>
          <QrCode text={uri} label={t('exportQrPage', index + 1, pages.uris.length)} size={300} />
          <div class="actions pager">
            <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              {t('previous')}
            </button>
            <span aria-live="polite">{t('pageOf', index + 1, pages.uris.length)}</span>
            <button
              type="button"
              disabled={index === pages.uris.length - 1}
              onClick={() => setIndex(index + 1)}
            >
              {t('next')}
            </button>
          </div>
        </>
      ) : (
        <p>{t('noneFitsPhoneExport')}</p>
      )}
      {pages.notExported.length > 0 && (
        <>
          <h4>{t('notInTheseQrCodes')}</h4>
          <ul aria-label={t('notExported')}>
            {pages.notExported.map((entry, i) => (
              <li key={i}>
                <strong>{entry.label}</strong>
                {t('labelColon')} {entry.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={() => setPages(null)}>
        {t('hideQrCodes')}
      </button>
    </div>
  );
}
