import { BACKUP_FORMAT, isBackupDocument, readBackupDocument } from './backup.ts';
import {
  CorruptFileError,
  PasswordRequiredError,
  UnrecognisedFormatError,
  UnsupportedFileError,
} from './errors.ts';
import { type AegisDocument, isAegisDocument, isEncryptedAegis, parseAegis } from './formats/aegis.ts';
import { parseEncryptedAegis } from './formats/aegis-encrypted.ts';
import { isBrowserAuthenticatorBackup, parseBrowserAuthenticator } from './formats/browser-authenticator.ts';
import { isTwoFasBackup, parseTwoFas } from './formats/two-fas.ts';
import { looksLikeUriLines, parseUriLines, uriLinesFormat } from './formats/uri-lines.ts';
import type { ImportFormat, ImportResult } from './import-result.ts';

/** Larger than any authenticator export, icons included; refusing early keeps the popup responsive. */
export const MAX_IMPORT_CHARS = 32 * 1024 * 1024;

type Detected =
  | { format: 'otpauth' | 'migration' }
  | { format: 'aegis' | 'aegis-encrypted'; document: AegisDocument }
  | { format: '2fas' | 'browser-authenticator' | 'backup'; document: Record<string, unknown> };

function classifyJson(json: unknown): Detected {
  if (isBackupDocument(json)) return { format: 'backup', document: json };
  if (isAegisDocument(json))
    return { format: isEncryptedAegis(json) ? 'aegis-encrypted' : 'aegis', document: json };
  if (isTwoFasBackup(json)) return { format: '2fas', document: json };
  if (isBrowserAuthenticatorBackup(json)) return { format: 'browser-authenticator', document: json };
  throw new UnrecognisedFormatError(
    'This JSON file is not an export this extension can read (Aegis, 2FAS, the Authenticator extension, or its own backup).',
  );
}

function detect(text: string): Detected {
  if (typeof text !== 'string') throw new TypeError('The text to import must be a string.');
  if (text.length > MAX_IMPORT_CHARS) {
    throw new UnsupportedFileError('The file is too large to be an authenticator export.');
  }
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      if (looksLikeUriLines(body)) return { format: uriLinesFormat(body) };
      throw new CorruptFileError(
        body.includes(`"${BACKUP_FORMAT}"`)
          ? 'The backup file is incomplete or damaged (it is not whole JSON).'
          : 'The file looks like a JSON export but is incomplete or damaged.',
      );
    }
    return classifyJson(json);
  }
  if (looksLikeUriLines(body)) return { format: uriLinesFormat(body) };
  throw new UnrecognisedFormatError(
    'No accounts found: expected otpauth:// or otpauth-migration:// lines, or an exported JSON file.',
  );
}

/** Which format the text is in and whether reading it needs a password. Throws TransferError. */
export function detectFormat(text: string): { format: ImportFormat; needsPassword: boolean } {
  const detected = detect(text);
  const needsPassword = detected.format === 'aegis-encrypted' || detected.format === 'backup';
  return { format: detected.format, needsPassword };
}

/**
 * Reads any supported export without a password. Encrypted files throw PasswordRequiredError:
 * ask for the password, then call `detectAndParseWithPassword`. Other whole-file problems throw
 * the other TransferError classes; single unusable entries are listed in `skipped`.
 */
export function detectAndParse(text: string): ImportResult {
  const detected = detect(text);
  switch (detected.format) {
    case 'otpauth':
    case 'migration':
      return parseUriLines(text);
    case 'aegis':
    case 'aegis-encrypted':
      return parseAegis(detected.document);
    case '2fas':
      return parseTwoFas(detected.document);
    case 'browser-authenticator':
      return parseBrowserAuthenticator(detected.document);
    case 'backup':
      throw new PasswordRequiredError('This is an encrypted backup: enter the password it was made with.');
  }
}

/** Like `detectAndParse`, using `password` for encrypted formats (it is ignored for plain ones). */
export async function detectAndParseWithPassword(text: string, password: string): Promise<ImportResult> {
  const detected = detect(text);
  if (detected.format === 'aegis-encrypted') return parseEncryptedAegis(detected.document, password);
  if (detected.format === 'backup') {
    const { accounts } = await readBackupDocument(detected.document, password);
    return { format: 'backup', accounts, skipped: [] };
  }
  return detectAndParse(text);
}
