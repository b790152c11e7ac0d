import { encodeMigrationUris, formatOtpauthUri, type OtpAccount, OtpError } from '../../../shared/index.ts';
import { otpReasonText } from '../reasons/otp-reason-text.ts';
import { localDate } from './file-date.ts';
import type { SkippedEntry } from './import-result.ts';

/** One `otpauth://` URI per account, in list order (readable by almost every authenticator). */
export function toOtpauthLines(accounts: readonly OtpAccount[]): string[] {
  return accounts.map(formatOtpauthUri);
}

/**
 * The unencrypted export: a text file of otpauth URIs. Anyone who reads it can make the codes, so
 * the UI offers it only behind an explicit warning; the file repeats the warning in a comment
 * line, which the importer ignores.
 */
export function plainTextExport(
  accounts: readonly OtpAccount[],
  options: { now: Date },
): { fileName: string; text: string } {
  const lines = [
    '# Authenticator accounts exported in plain text. Anyone who has this file can generate your codes:',
    '# import it where you need it, then delete it.',
    ...toOtpauthLines(accounts),
  ];
  return { fileName: `authenticator-accounts-${localDate(options.now)}.txt`, text: `${lines.join('\n')}\n` };
}

export interface MigrationExport {
  /** One `otpauth-migration://` URI per QR code page, in order. */
  uris: string[];
  /** Accounts the phone format cannot hold (period other than 30 s, 7 digits...), with the reason. */
  notExported: SkippedEntry[];
}

/**
 * Pages of export QR codes a phone authenticator can scan. All pages share one random batch id
 * so the phone knows they belong together. Rendering them as images is the UI's job.
 */
export function toMigrationPages(
  accounts: readonly OtpAccount[],
  options: { randomBytes: (n: number) => Uint8Array; batchSize?: number },
): MigrationExport {
  const exportable: OtpAccount[] = [];
  const notExported: SkippedEntry[] = [];
  for (const account of accounts) {
    try {
      // The shared encoder is the one authority on what the format can hold.
      encodeMigrationUris([account], { batchId: 0 });
      exportable.push(account);
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      const label = account.issuer ? `${account.issuer} (${account.account})` : account.account;
      notExported.push({ label, reason: otpReasonText(error) });
    }
  }
  if (exportable.length === 0) return { uris: [], notExported };
  const batchId = new DataView(options.randomBytes(4).slice().buffer).getInt32(0);
  const encodeOptions =
    options.batchSize === undefined ? { batchId } : { batchId, batchSize: options.batchSize };
  return { uris: encodeMigrationUris(exportable, encodeOptions), notExported };
}
