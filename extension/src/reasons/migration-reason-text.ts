import type { MigrationEntryName, MigrationReason } from '../../../shared/index.ts';
import { t } from '../i18n/t.ts';

const entryText = ({ position, label }: MigrationEntryName) =>
  label === '' ? t('labelEntry', position) : t('migrationEntryNamed', position, label);

/**
 * The reasons of the phone authenticator's export QR codes, in the UI language (otp-reason-text.ts
 * is the one caller). `detail` words the cause that a `…because` reason continues with.
 */
export function migrationReasonText(reason: MigrationReason, detail: () => string): string {
  switch (reason.kind) {
    case 'not-export-uri':
      return t('migrationNotExportUri');
    case 'export-without-data':
      return t('migrationNoData');
    case 'export-broken-percent-encoding':
      return t('migrationBrokenPercent');
    case 'export-not-base64-because':
      return t('migrationNotBase64', detail());
    case 'export-truncated-because':
      return t('migrationTruncated', detail());
    case 'entry-unknown-type':
      return t('migrationEntryUnknownType', entryText(reason.entry), reason.type);
    case 'entry-md5':
      return t('migrationEntryMd5', entryText(reason.entry));
    case 'entry-unknown-algorithm':
      return t('migrationEntryUnknownAlgorithm', entryText(reason.entry), reason.algorithm);
    case 'entry-unknown-digits':
      return t('migrationEntryUnknownDigits', entryText(reason.entry), reason.digits);
    case 'entry-no-secret':
      return t('migrationEntryNoSecret', entryText(reason.entry));
    case 'entry-counter-out-of-range':
      return t('migrationEntryCounter', entryText(reason.entry), reason.counter);
    case 'entry-unusable-because':
      return t('migrationEntryUnusable', entryText(reason.entry), detail());
    case 'export-holds-no-steam':
      return t('exportHoldsNoSteam', accountText(reason.account));
    case 'export-holds-no-such-digits':
      return t('exportHoldsNoSuchDigits', accountText(reason.account), reason.digits);
    case 'export-holds-only-30-seconds':
      return t('exportHoldsOnly30Seconds', accountText(reason.account), reason.period);
  }
}

function accountText({ position, label }: MigrationEntryName): string {
  return t('exportAccountNamed', position, label);
}
