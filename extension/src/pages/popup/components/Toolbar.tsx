import { t } from '../../../i18n/t.ts';
import { openTransferPage } from '../open-transfer.ts';
import type { View } from '../use-popup.ts';

export interface ToolbarProps {
  /** A vault without a password cannot be locked, so it has no "Lock now". */
  passwordless: boolean;
  onScan(type: 'scan-selection' | 'scan-page'): void;
  onView(view: View): void;
  onLock(): void;
}

/** The popup's header: scanning, adding, the transfer page, settings and locking. */
export function Toolbar({ passwordless, onScan, onView, onLock }: ToolbarProps) {
  return (
    <header>
      <h1>{t('extShortName')}</h1>
      <div class="toolbar">
        <button type="button" onClick={() => onScan('scan-selection')}>
          {t('scanQrCode')}
        </button>
        <button type="button" onClick={() => onScan('scan-page')}>
          {t('scanWholePage')}
        </button>
        <button type="button" onClick={() => onView({ name: 'add' })}>
          {t('addManually')}
        </button>
        <button type="button" onClick={() => void openTransferPage('backup')}>
          {t('backupTransfer')}
        </button>
        <button type="button" onClick={() => onView({ name: 'settings' })} aria-label={t('settings')}>
          {t('settings')}
        </button>
        {!passwordless && (
          <button type="button" onClick={onLock}>
            {t('lockNow')}
          </button>
        )}
      </div>
    </header>
  );
}
