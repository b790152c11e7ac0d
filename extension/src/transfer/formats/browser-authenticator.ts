import type { HashAlgorithm, OtpAccount } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { PasswordRequiredError } from '../errors.ts';
import { entryLabel, ImportCollector, type ImportFormat, type ImportResult } from '../import-result.ts';
import {
  base32Secret,
  collectEntry,
  EntryProblem,
  hashAlgorithm,
  hexSecret,
  isRecord,
  makeAccount,
  text,
  wholeNumber,
} from './entry-fields.ts';

/**
 * JSON backup of the open-source "Authenticator" browser extension: an object keyed by entry
 * hash, each value `{ type, secret, issuer, account, digits, period, algorithm, counter, index,
 * encrypted, pinned }`, with defaults left out (6 digits, 30 s, SHA1, TOTP: an entry may hold
 * only its secret). Types `hex`/`hhex` carry a hexadecimal secret for TOTP/HOTP; `steam` (or a
 * secret starting "stm-") is Steam Guard; `battle` (or "blz-") is Battle.net's 8-digit TOTP.
 * The same object may hold key records (`key`, top-level `enc`/`hash`, or `dataType: "Key"`):
 * those are not accounts. Every other value is an entry, read or listed as skipped; entries of
 * the newest key format (`dataType: "EncOTPStorage"`) are opened by browser-authenticator-v3.ts.
 */

const ENTRY_TYPES = new Set(['OTPStorage', 'EncOTPStorage']);
/** The extension stores its algorithm either by name or as its enum number. */
const ALGORITHM_NUMBERS: Record<string, HashAlgorithm> = { '1': 'SHA1', '2': 'SHA256', '3': 'SHA512' };

function looksLikeEntry(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  if (typeof value.dataType === 'string') return ENTRY_TYPES.has(value.dataType);
  return typeof value.secret === 'string';
}

function isKeyRecord(name: string, value: unknown): boolean {
  if (name === 'key' && (isRecord(value) || value === null)) return true;
  if ((name === 'enc' || name === 'hash') && typeof value === 'string') return true;
  return isRecord(value) && value.dataType === 'Key';
}

export function isBrowserAuthenticatorBackup(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && Object.values(json).some(looksLikeEntry);
}

/** An entry whose secret was encrypted with the extension's password (its v1 and v2 backups). */
export function isPasswordEncryptedEntry(value: unknown): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    value.encrypted === true &&
    typeof value.secret === 'string' &&
    value.dataType !== 'EncOTPStorage'
  );
}

/** An entry of the newest key format (version 3): its fields sealed whole in `data` under `keyId`. */
export function isSealedEntry(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value.dataType === 'EncOTPStorage';
}

/** The version 3 key record a sealed entry names, when the file holds it. */
export function sealedEntryKey(
  backup: Record<string, unknown>,
  entry: Record<string, unknown>,
): Record<string, unknown> | undefined {
  if (typeof entry.keyId !== 'string') return undefined;
  const found = Object.values(backup).find(
    (value) => isRecord(value) && value.dataType === 'Key' && value.id === entry.keyId,
  );
  return isRecord(found) ? found : undefined;
}

export function needsBrowserAuthenticatorPassword(backup: Record<string, unknown>): boolean {
  return Object.entries(backup).some(
    ([name, value]) =>
      !isKeyRecord(name, value) &&
      (isPasswordEncryptedEntry(value) ||
        (isSealedEntry(value) && sealedEntryKey(backup, value) !== undefined)),
  );
}

function readAlgorithm(value: unknown): HashAlgorithm {
  const number =
    typeof value === 'number' || typeof value === 'string'
      ? ALGORITHM_NUMBERS[String(value).trim()]
      : undefined;
  return number ?? hashAlgorithm(value);
}

const BASE32 = /^[a-z2-7]+=*$/i;
const HEX = /^[0-9a-f]+$/i;

function readEntry(entry: Record<string, unknown>, secretText: string, position: number): OtpAccount {
  let rawSecret = secretText.trim();
  let type = text(entry.type).toLowerCase() || 'totp';
  const prefix = /^(stm-|blz-|bliz-)/i.exec(rawSecret);
  if (prefix) {
    type = prefix[0].toLowerCase() === 'stm-' ? 'steam' : 'battle';
    rawSecret = rawSecret.slice(prefix[0].length);
  }
  // The extension keeps entries that hold nothing but a secret; they get a name to rename later.
  const issuer = text(entry.issuer);
  const names = {
    issuer,
    account: text(entry.account) || (issuer === '' ? `Unnamed account ${position + 1}` : ''),
  };
  if (type === 'steam' || type === 'battle') {
    return makeAccount({
      type: type === 'steam' ? 'steam' : 'totp',
      secret: base32Secret(rawSecret),
      ...names,
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
    });
  }
  let secret: Uint8Array;
  if (type === 'hex' || type === 'hhex') {
    secret = hexSecret(rawSecret);
  } else if (type === 'totp' || type === 'hotp') {
    // Mirrors the extension's own rule: a secret that is not base32 but is hexadecimal is hex.
    secret = !BASE32.test(rawSecret) && HEX.test(rawSecret) ? hexSecret(rawSecret) : base32Secret(rawSecret);
  } else {
    throw new EntryProblem(t('skipTypeNotSupportedBattleNet', type));
  }
  return makeAccount({
    type: type === 'hotp' || type === 'hhex' ? 'hotp' : 'totp',
    secret,
    ...names,
    algorithm: readAlgorithm(entry.algorithm),
    digits: wholeNumber(entry.digits, 'digits', 6),
    period: wholeNumber(entry.period, 'period', 30),
    counter: wholeNumber(entry.counter, 'counter', 0),
  });
}

/** The entries in the extension's order, with key records left out. */
export function browserAuthenticatorEntries(
  backup: Record<string, unknown>,
): { entry: unknown; position: number }[] {
  return Object.entries(backup)
    .filter(([name, value]) => !isKeyRecord(name, value))
    .map(([, entry], position) => ({
      entry,
      position,
      index: isRecord(entry) && typeof entry.index === 'number' ? entry.index : Number.POSITIVE_INFINITY,
    }))
    .sort((a, b) => a.index - b.index || a.position - b.position);
}

/** Why a sealed entry is not read without its key: none in the file, or no password given. */
function unopenedReason(backup: Record<string, unknown>, entry: Record<string, unknown>): string {
  return sealedEntryKey(backup, entry) === undefined
    ? t('skipSealedKeyMissing')
    : t('skipSealedNeedsPassword');
}

/**
 * Reads the entries; `secretOf` gives each entry's secret text (decrypted for an encrypted
 * backup), or throws EntryProblem when it cannot; `openSealed` gives a version 3 entry's fields,
 * or the reason it cannot.
 */
export function readBrowserAuthenticatorEntries(
  backup: Record<string, unknown>,
  format: ImportFormat,
  secretOf: (entry: Record<string, unknown>) => string = (entry) => text(entry.secret),
  openSealed: (entry: Record<string, unknown>) => Record<string, unknown> | string = (entry) =>
    unopenedReason(backup, entry),
): ImportResult {
  const collector = new ImportCollector();
  for (const { entry: stored, position } of browserAuthenticatorEntries(backup)) {
    const opened = isSealedEntry(stored) ? openSealed(stored) : stored;
    const entry = typeof opened === 'string' ? stored : opened;
    const label = isRecord(entry)
      ? entryLabel(entry.issuer, entry.account, position)
      : t('labelEntry', String(position + 1));
    collectEntry(collector, label, () => {
      if (typeof opened === 'string') throw new EntryProblem(opened);
      if (!isRecord(entry)) throw new EntryProblem(t('skipNotEntryObject'));
      if (typeof entry.secret !== 'string' || entry.secret.trim() === '')
        throw new EntryProblem(t('skipNoSecret'));
      return readEntry(entry, secretOf(entry), position);
    });
  }
  return collector.result(format);
}

/** Reads a plain backup; one with password-encrypted secrets needs `parseEncryptedBrowserAuthenticator`. */
export function parseBrowserAuthenticator(backup: Record<string, unknown>): ImportResult {
  if (needsBrowserAuthenticatorPassword(backup)) {
    throw new PasswordRequiredError(t('passwordForAuthenticatorExtension'));
  }
  return readBrowserAuthenticatorEntries(backup, 'browser-authenticator');
}
