import type { VaultAccount } from '../../accounts/account.ts';
import { AccountQrExport } from './AccountQrExport.tsx';
import { type AppFileKind, OtherAppExport } from './OtherAppExport.tsx';
import { PhoneExport } from './PhoneExport.tsx';
import { PlainTextExport } from './PlainTextExport.tsx';
import type { SavedFile } from './save-file.ts';

export interface ExportScreenProps {
  accounts: readonly VaultAccount[];
  randomBytes(n: number): Uint8Array;
  onSavePlainText(): SavedFile;
  onSaveForApp(kind: AppFileKind, password?: string): Promise<SavedFile>;
}

/** Export: one account's QR code, all accounts for a phone, a text file of otpauth links, or another app's file. */
export function ExportScreen({ accounts, randomBytes, onSavePlainText, onSaveForApp }: ExportScreenProps) {
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
      <h3>All accounts for Aegis or 2FAS</h3>
      <OtherAppExport accountCount={accounts.length} onSave={onSaveForApp} />
    </section>
  );
}
