import type { HashAlgorithm, OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError } from '../errors.ts';
import { entryLabel, ImportCollector, type ImportResult } from '../import-result.ts';
import {
  base32Secret,
  collectEntry,
  EntryProblem,
  isRecord,
  makeAccount,
  text,
  wholeNumber,
} from './entry-fields.ts';

/**
 * Stratum (formerly Authenticator Pro) unencrypted backup: `{ Authenticators: [{ Type, Issuer,
 * Username, Secret, Algorithm, Digits, Period, Counter, Pin, Icon, Ranking }], Categories, ... }`.
 * Type is a number: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex; Algorithm 0 SHA1, 1 SHA256, 2 SHA512.
 */
const TYPES: Record<number, OtpAccount['type']> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const TYPE_NAMES: Record<number, string> = { 3: 'mOTP', 5: 'Yandex' };
const ALGORITHMS: HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export function isStratumBackup(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && Array.isArray(json.Authenticators);
}

function readAuthenticator(entry: Record<string, unknown>): OtpAccount {
  const typeNumber = entry.Type;
  const type = typeof typeNumber === 'number' ? TYPES[typeNumber] : undefined;
  if (!type) {
    const name = typeof typeNumber === 'number' ? TYPE_NAMES[typeNumber] : undefined;
    throw new EntryProblem(
      name !== undefined
        ? t('skipTypeNamedNotSupported', name)
        : typeof typeNumber === 'number'
          ? t('skipTypeNumberNotSupported', String(typeNumber))
          : t('skipTypeUnknownNotSupported'),
    );
  }
  const algorithm = ALGORITHMS[wholeNumber(entry.Algorithm, 'algorithm', 0)];
  if (!algorithm) throw new EntryProblem(t('skipAlgorithmNumberUnknown', String(entry.Algorithm)));
  return makeAccount({
    type,
    secret: base32Secret(entry.Secret),
    issuer: text(entry.Issuer),
    account: text(entry.Username),
    algorithm,
    digits: wholeNumber(entry.Digits, 'digits', 6),
    period: wholeNumber(entry.Period, 'period', 30),
    counter: wholeNumber(entry.Counter, 'counter', 0),
  });
}

export function parseStratum(document: Record<string, unknown>): ImportResult {
  if (!Array.isArray(document.Authenticators)) {
    throw new CorruptFileError(t('stratumNoAuthenticators'));
  }
  const collector = new ImportCollector();
  document.Authenticators.forEach((entry: unknown, index) => {
    const label = isRecord(entry)
      ? entryLabel(entry.Issuer, entry.Username, index)
      : t('labelEntry', String(index + 1));
    collectEntry(collector, label, () => {
      if (!isRecord(entry)) throw new EntryProblem(t('skipNotAuthenticatorObject'));
      return readAuthenticator(entry);
    });
  });
  return collector.result('stratum');
}
