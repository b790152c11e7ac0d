import type { VaultAccount } from '../../accounts/account.ts';
import { AccountQrExport } from './AccountQrExport.tsx';
import { PhoneExport } from './PhoneExport.tsx';
import { PlainTextExport } from './PlainTextExport.tsx';
import type { SavedFile } from './save-file.ts';

export interface ExportScreenProps {
  accounts: readonly VaultAccount[];
  randomBytes(n: number): Uint8Array;
  onSavePlainText(): SavedFile;
}

/** Export: one account's QR code, all accounts for a phone, or a text file of otpauth links. */
export function ExportScreen({ accounts, randomBytes, onSavePlainText }: ExportScreenProps) {
  return (
    <section aria-label="Export">
      <h3>One account</h3>
      {accounts.length === 0 ? (
        <p>There are no accounts to export.</p>
      ) : (
        <AccountQrExport accounts={accounts} />
      )}
      <h3>All accounts to a phone</h3>
      <PhoneExport accounts={accounts} randomBytes={randomBytes} />
      <h3>All accounts as a text file</h3>
      <PlainTextExport accountCount={accounts.length} onSave={onSavePlainText} />
    </section>
  );
}
