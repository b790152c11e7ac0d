import type { OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError, PasswordRequiredError } from '../errors.ts';
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
 * 2FAS backup (`.2fas`, JSON): `{ schemaVersion, services: [{ name, secret, otp: { account,
 * issuer, label, digits, period, algorithm, tokenType, counter } }] }`. A password-protected
 * backup keeps its services in `servicesEncrypted` instead (two-fas-encrypted.ts).
 */
export function isTwoFasBackup(json: unknown): json is Record<string, unknown> {
  return (
    isRecord(json) &&
    typeof json.schemaVersion === 'number' &&
    (Array.isArray(json.services) || typeof json.servicesEncrypted === 'string')
  );
}

function readService(service: Record<string, unknown>): OtpAccount {
  const otp = isRecord(service.otp) ? service.otp : {};
  const tokenType = text(otp.tokenType).toUpperCase() || 'TOTP';
  if (tokenType !== 'TOTP' && tokenType !== 'HOTP' && tokenType !== 'STEAM') {
    throw new EntryProblem(t('skipTypeNotSupported', tokenType));
  }
  // Older backups have only `label` ("Issuer:account"); newer ones have `issuer` and `account`.
  const label = text(otp.label);
  const colon = label.indexOf(':');
  const labelAccount = colon >= 0 ? label.slice(colon + 1) : label;
  return makeAccount({
    type: tokenType === 'STEAM' ? 'steam' : tokenType === 'TOTP' ? 'totp' : 'hotp',
    secret: base32Secret(service.secret),
    issuer: text(otp.issuer) || text(service.name),
    account: text(otp.account) || labelAccount,
    algorithm: hashAlgorithm(otp.algorithm),
    digits: wholeNumber(otp.digits, 'digits', 6),
    period: wholeNumber(otp.period, 'period', 30),
    counter: wholeNumber(otp.counter, 'counter', 0),
  });
}

/** True for a password-protected backup: its services are only in `servicesEncrypted`. */
export function isEncryptedTwoFas(backup: Record<string, unknown>): boolean {
  return (
    typeof backup.servicesEncrypted === 'string' &&
    !(Array.isArray(backup.services) && backup.services.length > 0)
  );
}

export function parseTwoFasServices(services: unknown[], format: ImportFormat): ImportResult {
  const collector = new ImportCollector();
  services.forEach((service: unknown, index) => {
    if (!isRecord(service)) {
      collector.skip(t('labelEntry', String(index + 1)), t('skipNotServiceObject'));
      return;
    }
    const otp = isRecord(service.otp) ? service.otp : {};
    const label = entryLabel(text(otp.issuer) || service.name, otp.account, index);
    collectEntry(collector, label, () => readService(service));
  });
  return collector.result(format);
}

/** Reads a plain backup; a password-protected one needs `parseEncryptedTwoFas` and its password. */
export function parseTwoFas(backup: Record<string, unknown>): ImportResult {
  if (isEncryptedTwoFas(backup)) {
    throw new PasswordRequiredError(t('passwordForTwoFas'));
  }
  if (!Array.isArray(backup.services)) throw new CorruptFileError(t('twoFasNoServices'));
  return parseTwoFasServices(backup.services, '2fas');
}
