import type { HashAlgorithm, OtpAccount } from '../../../../shared/index.ts';
import { entryLabel, ImportCollector, type ImportResult } from '../import-result.ts';
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
 * encrypted, pinned }`, with defaults left out (6 digits, 30 s, SHA1). Types `hex`/`hhex` carry a
 * hexadecimal secret for TOTP/HOTP. The same object may hold key records (`key`, or values with
 * `dataType: "Key"`) when the extension had a password; those are not accounts.
 */

const ENTRY_TYPES = new Set(['OTPStorage', 'EncOTPStorage']);
/** The extension stores its algorithm either by name or as its enum number. */
const ALGORITHM_NUMBERS: Record<string, HashAlgorithm> = { '1': 'SHA1', '2': 'SHA256', '3': 'SHA512' };

function isEntry(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  if (typeof value.dataType === 'string') return ENTRY_TYPES.has(value.dataType);
  return typeof value.secret === 'string' && ('type' in value || 'encrypted' in value || 'hash' in value);
}

export function isBrowserAuthenticatorBackup(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && Object.values(json).some(isEntry);
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

function readEntry(entry: Record<string, unknown>): OtpAccount {
  if (entry.dataType === 'EncOTPStorage' || entry.encrypted === true) {
    throw new EntryProblem(
      'It is encrypted with the extension’s password; in the extension, export a backup without encryption.',
    );
  }
  const rawSecret = text(entry.secret);
  let type = text(entry.type).toLowerCase() || 'totp';
  if (/^(stm-)/i.test(rawSecret)) type = 'steam';
  if (/^(blz-|bliz-)/i.test(rawSecret)) type = 'battle';
  let secret: Uint8Array;
  if (type === 'hex' || type === 'hhex') {
    secret = hexSecret(rawSecret);
  } else if (type === 'totp' || type === 'hotp') {
    // Mirrors the extension's own rule: a secret that is not base32 but is hexadecimal is hex.
    secret = !BASE32.test(rawSecret) && HEX.test(rawSecret) ? hexSecret(rawSecret) : base32Secret(rawSecret);
  } else {
    throw new EntryProblem(
      `Its type "${type}" is not supported; only TOTP and HOTP accounts can be imported.`,
    );
  }
  return makeAccount({
    type: type === 'hotp' || type === 'hhex' ? 'hotp' : 'totp',
    secret,
    issuer: text(entry.issuer),
    account: text(entry.account),
    algorithm: readAlgorithm(entry.algorithm),
    digits: wholeNumber(entry.digits, 'number of digits', 6),
    period: wholeNumber(entry.period, 'period', 30),
    counter: wholeNumber(entry.counter, 'counter', 0),
  });
}

export function parseBrowserAuthenticator(backup: Record<string, unknown>): ImportResult {
  const entries = Object.values(backup)
    .filter(isEntry)
    .map((entry, position) => ({
      entry,
      position,
      index: typeof entry.index === 'number' ? entry.index : position,
    }))
    .sort((a, b) => a.index - b.index || a.position - b.position);
  const collector = new ImportCollector();
  for (const { entry, position } of entries) {
    collectEntry(collector, entryLabel(entry.issuer, entry.account, position), () => readEntry(entry));
  }
  return collector.result('browser-authenticator');
}
