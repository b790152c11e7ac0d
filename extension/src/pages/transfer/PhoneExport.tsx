import { useState } from 'preact/hooks';
import type { OtpAccount } from '../../../../shared/index.ts';
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
      <div class="confirm" role="alertdialog" aria-label="Show export QR codes">
        <p class="warning">
          These QR codes contain the secret keys of all your accounts. Scan them with your phone where nobody
          else can see the screen.
        </p>
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setPages(toMigrationPages(accounts, { randomBytes }));
              setIndex(0);
              setConfirming(false);
            }}
          >
            Show export QR codes
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (!pages) {
    return (
      <button type="button" disabled={accounts.length === 0} onClick={() => setConfirming(true)}>
        Export all to a phone…
      </button>
    );
  }
  const uri = pages.uris[index];
  return (
    <div class="phone-export">
      {uri ? (
        <>
          <p>Scan each page with your phone’s authenticator (“import accounts”).</p>
          <QrCode text={uri} label={`Export QR code ${index + 1} of ${pages.uris.length}`} size={300} />
          <div class="actions pager">
            <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              Previous
            </button>
            <span aria-live="polite">
              {index + 1} of {pages.uris.length}
            </span>
            <button
              type="button"
              disabled={index === pages.uris.length - 1}
              onClick={() => setIndex(index + 1)}
            >
              Next
            </button>
          </div>
        </>
      ) : (
        <p>None of your accounts fits the phone export format.</p>
      )}
      {pages.notExported.length > 0 && (
        <>
          <h4>Not in these QR codes</h4>
          <ul aria-label="Not exported">
            {pages.notExported.map((entry, i) => (
              <li key={i}>
                <strong>{entry.label}</strong>: {entry.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={() => setPages(null)}>
        Hide QR codes
      </button>
    </div>
  );
}
