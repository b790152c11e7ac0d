import { t } from '../i18n/t.ts';
import { BACKUP_FORMAT, isBackupDocument, readBackupDocument } from './backup.ts';
import {
  CorruptFileError,
  PasswordRequiredError,
  UnrecognisedFormatError,
  UnsupportedFileError,
} from './errors.ts';
import { type AegisDocument, isAegisDocument, isEncryptedAegis, parseAegis } from './formats/aegis.ts';
import { parseEncryptedAegis } from './formats/aegis-encrypted.ts';
import { isAndOtpBackup, parseAndOtpEntries } from './formats/and-otp.ts';
import { looksLikeEncryptedAndOtp, parseEncryptedAndOtp } from './formats/and-otp-encrypted.ts';
import { isBitwardenExport, parseBitwarden } from './formats/bitwarden.ts';
import { looksLikeBitwardenCsv, parseBitwardenCsv } from './formats/bitwarden-csv.ts';
import {
  isBrowserAuthenticatorBackup,
  needsBrowserAuthenticatorPassword,
  parseBrowserAuthenticator,
} from './formats/browser-authenticator.ts';
import { parseEncryptedBrowserAuthenticator } from './formats/browser-authenticator-encrypted.ts';
import { isEncryptedEnteExport } from './formats/ente-auth.ts';
import { parseEncryptedEnte } from './formats/ente-auth-encrypted.ts';
import { isFreeOtpPlusExport, parseFreeOtpPlus } from './formats/freeotp-plus.ts';
import { isProtonAuthenticatorExport, parseProtonAuthenticator } from './formats/proton-authenticator.ts';
import { isStratumBackup, parseStratum } from './formats/stratum.ts';
import { isEncryptedTwoFas, isTwoFasBackup, parseTwoFas } from './formats/two-fas.ts';
import { parseEncryptedTwoFas } from './formats/two-fas-encrypted.ts';
import { looksLikeUriLines, parseUriLines, uriLinesFormat } from './formats/uri-lines.ts';
import type { ImportFormat, ImportResult } from './import-result.ts';
import { utf8 } from './password-crypto.ts';

/** Larger than any authenticator export, icons included; refusing early keeps the popup responsive. */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

/** What is imported: pasted text, or a file's bytes (encrypted andOTP backups are binary). */
export type ImportInput = string | Uint8Array;

type JsonFormat = Exclude<ImportFormat, 'otpauth' | 'migration' | 'bitwarden-csv' | 'andotp-encrypted'>;
type Detected =
  | { format: 'otpauth' | 'migration' | 'bitwarden-csv'; text: string }
  | { format: 'andotp-encrypted'; bytes: Uint8Array }
  | { format: 'andotp'; entries: unknown[] }
  | { format: 'aegis' | 'aegis-encrypted'; document: AegisDocument }
  | {
      format: Exclude<JsonFormat, 'andotp' | 'aegis' | 'aegis-encrypted'>;
      document: Record<string, unknown>;
    };

const NEEDS_PASSWORD = new Set<ImportFormat>([
  'aegis-encrypted',
  'backup',
  '2fas-encrypted',
  'andotp-encrypted',
  'browser-authenticator-encrypted',
  'ente-auth-encrypted',
]);

function classifyJson(json: unknown): Detected {
  if (isBackupDocument(json)) return { format: 'backup', document: json };
  if (isAegisDocument(json))
    return { format: isEncryptedAegis(json) ? 'aegis-encrypted' : 'aegis', document: json };
  if (isTwoFasBackup(json))
    return { format: isEncryptedTwoFas(json) ? '2fas-encrypted' : '2fas', document: json };
  if (isBitwardenExport(json)) return { format: 'bitwarden', document: json };
  if (isProtonAuthenticatorExport(json)) return { format: 'proton-authenticator', document: json };
  if (isFreeOtpPlusExport(json)) return { format: 'freeotp-plus', document: json };
  if (isStratumBackup(json)) return { format: 'stratum', document: json };
  if (isEncryptedEnteExport(json)) return { format: 'ente-auth-encrypted', document: json };
  if (isAndOtpBackup(json)) return { format: 'andotp', entries: json };
  if (isBrowserAuthenticatorBackup(json)) {
    const encrypted = needsBrowserAuthenticatorPassword(json);
    return {
      format: encrypted ? 'browser-authenticator-encrypted' : 'browser-authenticator',
      document: json,
    };
  }
  // The message names the JSON formats classifyJson reads; a new format is added there too.
  throw new UnrecognisedFormatError(t('importJsonNotReadable'));
}

function detectText(text: string): Detected {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      if (looksLikeUriLines(body)) return { format: uriLinesFormat(body), text };
      throw new CorruptFileError(
        body.includes(`"${BACKUP_FORMAT}"`) ? t('importBackupNotWholeJson') : t('importJsonDamaged'),
      );
    }
    return classifyJson(json);
  }
  if (looksLikeBitwardenCsv(body)) return { format: 'bitwarden-csv', text: body };
  if (looksLikeUriLines(body)) return { format: uriLinesFormat(body), text };
  throw new UnrecognisedFormatError(t('importNoAccountsFound'));
}

function detect(input: ImportInput): Detected {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new TypeError('What is imported must be text or the bytes of a file.');
  }
  if (input.length > MAX_IMPORT_CHARS) {
    throw new UnsupportedFileError(t('importFileTooLarge'));
  }
  if (typeof input === 'string') return detectText(input);
  const text = utf8(input);
  if (text !== null) {
    try {
      return detectText(text);
    } catch (error) {
      if (!(error instanceof UnrecognisedFormatError) || !looksLikeEncryptedAndOtp(input)) throw error;
    }
  }
  // The one binary export read here; andOTP marks it by nothing but its layout.
  if (looksLikeEncryptedAndOtp(input)) return { format: 'andotp-encrypted', bytes: input };
  throw new UnrecognisedFormatError(t('importNeitherTextNorAndOtp'));
}

/** Which format the input is in and whether reading it needs a password. Throws TransferError. */
export function detectFormat(input: ImportInput): { format: ImportFormat; needsPassword: boolean } {
  const { format } = detect(input);
  return { format, needsPassword: NEEDS_PASSWORD.has(format) };
}

/**
 * Reads any supported export without a password. Encrypted files throw PasswordRequiredError:
 * ask for the password, then call `detectAndParseWithPassword`. Other whole-file problems throw
 * the other TransferError classes; single unusable entries are listed in `skipped`.
 */
export function detectAndParse(input: ImportInput): ImportResult {
  const detected = detect(input);
  switch (detected.format) {
    case 'otpauth':
    case 'migration':
      return parseUriLines(detected.text);
    case 'bitwarden-csv':
      return parseBitwardenCsv(detected.text);
    case 'aegis':
    case 'aegis-encrypted':
      return parseAegis(detected.document);
    case '2fas':
    case '2fas-encrypted':
      return parseTwoFas(detected.document);
    case 'andotp':
      return parseAndOtpEntries(detected.entries);
    case 'bitwarden':
      return parseBitwarden(detected.document);
    case 'proton-authenticator':
      return parseProtonAuthenticator(detected.document);
    case 'freeotp-plus':
      return parseFreeOtpPlus(detected.document);
    case 'stratum':
      return parseStratum(detected.document);
    case 'browser-authenticator':
    case 'browser-authenticator-encrypted':
      return parseBrowserAuthenticator(detected.document);
    case 'andotp-encrypted':
      throw new PasswordRequiredError(t('passwordForAndOtp'));
    case 'ente-auth-encrypted':
      throw new PasswordRequiredError(t('passwordForEnte'));
    case 'backup':
      throw new PasswordRequiredError(t('passwordForBackup'));
  }
}

/**
 * Like `detectAndParse`, using `password` for encrypted formats (it is ignored for plain ones).
 * `signal` stops the slowest key derivation (Ente Auth's) while it runs.
 */
export async function detectAndParseWithPassword(
  input: ImportInput,
  password: string,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const detected = detect(input);
  switch (detected.format) {
    case 'aegis-encrypted':
      return parseEncryptedAegis(detected.document, password);
    case '2fas-encrypted':
      return parseEncryptedTwoFas(detected.document, password);
    case 'andotp-encrypted':
      return parseEncryptedAndOtp(detected.bytes, password);
    case 'browser-authenticator-encrypted':
      return parseEncryptedBrowserAuthenticator(detected.document, password);
    case 'ente-auth-encrypted':
      return parseEncryptedEnte(detected.document, password, signal);
    case 'backup': {
      const { accounts } = await readBackupDocument(detected.document, password);
      return { format: 'backup', accounts, skipped: [], repeats: 0, entries: accounts.length };
    }
    default:
      return detectAndParse(input);
  }
}
