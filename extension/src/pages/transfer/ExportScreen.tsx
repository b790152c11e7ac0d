import type { VaultAccount } from '../../accounts/account.ts';
import { t } from '../../i18n/t.ts';
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
    <section aria-label={t('screenExport')}>
      <h3>{t('oneAccount')}</h3>
      {accounts.length === 0 ? <p>{t('noAccountsToExport')}</p> : <AccountQrExport accounts={accounts} />}
      <h3>{t('allToPhone')}</h3>
      <PhoneExport accounts={accounts} randomBytes={randomBytes} />
      <h3>{t('allAsTextFile')}</h3>
      <PlainTextExport accountCount={accounts.length} onSave={onSavePlainText} />
      <h3>{t('allForOtherApps')}</h3>
      <OtherAppExport accountCount={accounts.length} onSave={onSaveForApp} />
    </section>
  );
}
