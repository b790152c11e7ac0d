import type { OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { entryLabel, ImportCollector, type ImportFormat, type ImportResult } from '../import-result.ts';
import {
  base32Secret,
  collectEntry,
  EntryProblem,
  hashAlgorithm,
  isRecord,
  makeAccount,
  text,
  wholeNumber,
} from './entry-fields.ts';

/**
 * andOTP JSON backup: a list of `{ secret, issuer, label, digits, type, algorithm, period,
 * counter, thumbnail, last_used, used_frequency, tags }`, type TOTP, HOTP or STEAM. Backups
 * from before andOTP had an issuer field keep "Issuer - account" in `label`; only those are split.
 */
export function isAndOtpBackup(json: unknown): json is unknown[] {
  return (
    Array.isArray(json) &&
    json.length > 0 &&
    json.some((entry) => isRecord(entry) && typeof entry.secret === 'string' && 'label' in entry)
  );
}

function names(entry: Record<string, unknown>): { issuer: string; account: string } {
  const label = text(entry.label);
  if ('issuer' in entry) return { issuer: text(entry.issuer), account: label };
  const dash = label.indexOf(' - ');
  return dash < 0
    ? { issuer: '', account: label }
    : { issuer: label.slice(0, dash), account: label.slice(dash + 3) };
}

function readEntry(entry: Record<string, unknown>): OtpAccount {
  const type = text(entry.type).toUpperCase() || 'TOTP';
  if (type !== 'TOTP' && type !== 'HOTP' && type !== 'STEAM') {
    throw new EntryProblem(t('skipTypeNotSupported', type));
  }
  return makeAccount({
    type: type === 'STEAM' ? 'steam' : type === 'TOTP' ? 'totp' : 'hotp',
    secret: base32Secret(entry.secret),
    ...names(entry),
    algorithm: hashAlgorithm(entry.algorithm),
    digits: wholeNumber(entry.digits, 'digits', 6),
    period: wholeNumber(entry.period, 'period', 30),
    counter: wholeNumber(entry.counter, 'counter', 0),
  });
}

export function parseAndOtpEntries(entries: unknown[], format: ImportFormat = 'andotp'): ImportResult {
  const collector = new ImportCollector();
  entries.forEach((entry: unknown, index) => {
    const label = isRecord(entry)
      ? entryLabel(names(entry).issuer, names(entry).account, index)
      : t('labelEntry', String(index + 1));
    collectEntry(collector, label, () => {
      if (!isRecord(entry)) throw new EntryProblem(t('skipNotEntryObject'));
      return readEntry(entry);
    });
  });
  return collector.result(format);
}
