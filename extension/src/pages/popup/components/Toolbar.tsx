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
      <h1>Authenticator</h1>
      <div class="toolbar">
        <button type="button" onClick={() => onScan('scan-selection')}>
          Scan QR code
        </button>
        <button type="button" onClick={() => onScan('scan-page')}>
          Scan whole page
        </button>
        <button type="button" onClick={() => onView({ name: 'add' })}>
          Add manually
        </button>
        <button type="button" onClick={() => void openTransferPage('backup')}>
          Backup &amp; transfer
        </button>
        <button type="button" onClick={() => onView({ name: 'settings' })} aria-label="Settings">
          Settings
        </button>
        {!passwordless && (
          <button type="button" onClick={onLock}>
            Lock now
          </button>
        )}
      </div>
    </header>
  );
}
