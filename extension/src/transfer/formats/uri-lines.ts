import { decodeMigrationBatch, OtpError, parseOtpauthUri } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { otpReasonText } from '../../reasons/otp-reason-text.ts';
import { ImportCollector, type ImportResult } from '../import-result.ts';

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;
/** Beyond this, one summary line says how incomplete a multi-part export is. */
const MAX_LISTED_MISSING = 20;

/** What QR tools print before the code's text (zbarimg: "QR-Code:otpauth://…"). */
const QR_TOOL_PREFIX = /^QR-?Code:\s*/i;

/** Lines that carry something: blank lines and `#` comments are ignored, QR tools' prefixes dropped. */
function meaningfulLines(text: string): { line: string; number: number }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ line: line.trim().replace(QR_TOOL_PREFIX, ''), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/** True when some line is an otpauth:// or otpauth-migration:// URI. */
export function looksLikeUriLines(text: string): boolean {
  return meaningfulLines(text).some(({ line }) => OTPAUTH.test(line) || MIGRATION.test(line));
}

/** 'migration' when every URI line is an export QR code, else 'otpauth'. */
export function uriLinesFormat(text: string): 'otpauth' | 'migration' {
  const uris = meaningfulLines(text).filter(({ line }) => OTPAUTH.test(line) || MIGRATION.test(line));
  return uris.length > 0 && uris.every(({ line }) => MIGRATION.test(line)) ? 'migration' : 'otpauth';
}

/**
 * Reads a text of URIs, one per line: `otpauth://` accounts and the batches of an
 * `otpauth-migration://` export. A batch pasted twice counts once; batches missing from a
 * multi-part export are listed in `skipped` so the user can scan them too.
 */
export function parseUriLines(text: string): ImportResult {
  const collector = new ImportCollector();
  const seenBatches = new Set<string>();
  const exports = new Map<number, { size: number; indexes: Set<number> }>();

  for (const { line, number } of meaningfulLines(text)) {
    const label = t('labelLine', String(number));
    if (OTPAUTH.test(line)) {
      try {
        const account = parseOtpauthUri(line);
        collector.add(account, account.issuer ? `${account.issuer} (${account.account})` : account.account);
      } catch (error) {
        if (!(error instanceof OtpError)) throw error;
        collector.skip(label, otpReasonText(error));
      }
    } else if (MIGRATION.test(line)) {
      try {
        // The same QR code pasted or scanned twice counts once; two exports that happen to share a
        // batch id (some apps always write 0) are both read.
        const batch = decodeMigrationBatch(line);
        if (seenBatches.has(line)) {
          for (let i = 0; i < batch.accounts.length + batch.skipped.length; i++) collector.repeat();
          continue;
        }
        seenBatches.add(line);
        for (const { error } of batch.skipped)
          collector.skip(t('labelLineExportQr', label), otpReasonText(error));
        const known = exports.get(batch.batchId) ?? { size: batch.batchSize, indexes: new Set<number>() };
        known.indexes.add(batch.batchIndex);
        exports.set(batch.batchId, known);
        for (const account of batch.accounts) {
          collector.add(account, account.issuer ? `${account.issuer} (${account.account})` : account.account);
        }
      } catch (error) {
        if (!(error instanceof OtpError)) throw error;
        collector.skip(t('labelLineExportQr', label), otpReasonText(error));
      }
    } else {
      collector.skip(label, t('skipNotUri'));
    }
  }

  for (const { size, indexes } of exports.values()) {
    const missing: number[] = [];
    for (let index = 0; index < size && missing.length <= MAX_LISTED_MISSING; index++) {
      if (!indexes.has(index)) missing.push(index);
    }
    if (missing.length > MAX_LISTED_MISSING) {
      collector.skip(
        t('labelExportOfQrCodes', String(size)),
        t('skipExportPartsMissing', String(indexes.size)),
      );
      continue;
    }
    for (const index of missing) {
      collector.skip(t('exportQrPage', String(index + 1), String(size)), t('skipExportPartMissing'));
    }
  }
  return collector.result(uriLinesFormat(text));
}
