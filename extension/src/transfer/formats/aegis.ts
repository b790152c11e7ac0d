import type { OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError, NewerVersionError, PasswordRequiredError } from '../errors.ts';
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
 * Aegis vault export (docs/vault.md in the Aegis repository): `{ version: 1, header, db }`.
 * `db` is `{ version, entries: [{ type, name, issuer, info: { secret, algo, digits, period, counter } }] }`
 * in a plain export, or the base64 AES-256-GCM ciphertext of that object in an encrypted one.
 */
export type AegisDocument = Record<string, unknown> & { header: Record<string, unknown> };

const VAULT_VERSION = 1;
/** Content versions with the entry layout read here (3 is the newest documented). */
const NEWEST_DB_VERSION = 3;

export function isAegisDocument(json: unknown): json is AegisDocument {
  return isRecord(json) && typeof json.version === 'number' && isRecord(json.header) && 'db' in json;
}

export function isEncryptedAegis(document: AegisDocument): boolean {
  return typeof document.db === 'string';
}

export function checkAegisVersion(document: AegisDocument): void {
  const { version } = document;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CorruptFileError(t('aegisNoVersion'));
  }
  if (version > VAULT_VERSION) {
    throw new NewerVersionError(t('aegisNewerFormat', String(version), String(VAULT_VERSION)));
  }
}

function readEntry(entry: unknown): OtpAccount {
  if (!isRecord(entry)) throw new EntryProblem(t('skipNotEntryObject'));
  const type = text(entry.type).toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new EntryProblem(type === '' ? t('skipNoType') : t('skipTypeNotSupported', type));
  }
  const info = entry.info;
  if (!isRecord(info)) throw new EntryProblem(t('skipNoOtpParameters'));
  return makeAccount({
    type,
    secret: base32Secret(info.secret),
    issuer: text(entry.issuer),
    account: text(entry.name),
    algorithm: hashAlgorithm(info.algo),
    digits: wholeNumber(info.digits, 'digits', 6),
    period: wholeNumber(info.period, 'period', 30),
    counter: wholeNumber(info.counter, 'counter', 0),
  });
}

/** Reads the decrypted (or plain) `db` object. */
export function parseAegisDatabase(db: unknown, format: ImportFormat): ImportResult {
  if (!isRecord(db) || !Array.isArray(db.entries)) {
    throw new CorruptFileError(t('aegisNoEntries'));
  }
  if (typeof db.version === 'number' && db.version > NEWEST_DB_VERSION) {
    throw new NewerVersionError(t('aegisNewerContent', String(db.version), String(NEWEST_DB_VERSION)));
  }
  const collector = new ImportCollector();
  db.entries.forEach((entry: unknown, index) => {
    const label = isRecord(entry)
      ? entryLabel(entry.issuer, entry.name, index)
      : t('labelEntry', String(index + 1));
    collectEntry(collector, label, () => readEntry(entry));
  });
  return collector.result(format);
}

/** Reads a plain export; an encrypted one needs `parseEncryptedAegis` and its password. */
export function parseAegis(document: AegisDocument): ImportResult {
  checkAegisVersion(document);
  if (isEncryptedAegis(document)) {
    throw new PasswordRequiredError(t('passwordForAegis'));
  }
  return parseAegisDatabase(document.db, 'aegis');
}
