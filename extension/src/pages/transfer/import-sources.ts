import type { OtpAccount } from '../../../../shared/index.ts';
import { findDuplicates } from '../../accounts/identity.ts';
import { t, tPlural } from '../../i18n/t.ts';
import {
  detectAndParse,
  detectAndParseWithPassword,
  detectFormat,
  type ImportFormat,
  MAX_IMPORT_CHARS,
  type SkippedEntry,
  TransferError,
} from '../../transfer/index.ts';

/** One thing to import from: a chosen file, the QR codes of the chosen images, or pasted text. */
export interface ImportSource {
  name: string;
  text: string;
  /** A file's bytes, for the binary exports (encrypted andOTP backups); `text` is read otherwise. */
  bytes?: Uint8Array;
}

/** A file or pasted text that cannot be read as a whole; nothing is imported while one is chosen. */
export class ImportSourceError extends Error {
  override readonly name = 'ImportSourceError';
}

export interface ImportPlan {
  accounts: OtpAccount[];
  skipped: SkippedEntry[];
  /** Entries that repeat an account already in the plan under the same name, counted not listed. */
  repeats: number;
  formats: ImportFormat[];
}

export type ReadOutcome =
  | { kind: 'plan'; plan: ImportPlan }
  /** Encrypted sources (an Aegis vault, a backup): ask for the password and read again. */
  | { kind: 'password'; names: string[] };

const IMAGE_TYPES = /^image\/(png|jpeg)$/;
/** What an authenticator's QR code holds: an account or a phone export, as QR tools may print it. */
const OTP_QR_TEXT = /^\s*(?:QR-?Code:\s*)?otpauth(?:-migration)?:\/\//i;

function shortened(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

export function isImage(file: File): boolean {
  return IMAGE_TYPES.test(file.type) || /\.(png|jpe?g)$/i.test(file.name);
}

/**
 * Turns chosen files into sources. The QR codes of all images form one source, so the several
 * pages of one phone export are read together.
 */
export async function sourcesFromFiles(
  files: readonly File[],
  qrTextFromImage: (image: Blob) => Promise<string | null>,
): Promise<ImportSource[]> {
  const sources: ImportSource[] = [];
  const scanned: string[] = [];
  for (const file of files) {
    if (isImage(file)) {
      if (file.size > MAX_IMAGE_BYTES) throw new ImportSourceError(t('imageTooLarge', file.name));
      let text: string | null;
      try {
        text = await qrTextFromImage(file);
      } catch {
        throw new ImportSourceError(t('imageUnreadable', file.name));
      }
      if (text === null) throw new ImportSourceError(t('noQrInImage', file.name));
      if (!OTP_QR_TEXT.test(text)) {
        throw new ImportSourceError(t('imageQrNotOtp', file.name, shortened(text)));
      }
      scanned.push(text);
    } else {
      if (file.size > MAX_IMPORT_CHARS) throw new ImportSourceError(t('fileTooLargeForImport', file.name));
      const bytes = new Uint8Array(await file.arrayBuffer());
      sources.push({ name: file.name, text: new TextDecoder().decode(bytes), bytes });
    }
  }
  if (scanned.length > 0) {
    const name = tPlural('qrImageSource', scanned.length);
    sources.push({ name, text: scanned.join('\n') });
  }
  return sources;
}

function named(source: ImportSource, error: unknown): never {
  if (error instanceof TransferError) throw new ImportSourceError(`${source.name}: ${error.message}`);
  throw error;
}

/**
 * Reads every source into one plan. An account found in two sources is kept once. A whole-source
 * problem (unknown format, damaged file, wrong password) throws ImportSourceError naming the source.
 * Once `signal` is aborted, the read rejects with its reason and returns no plan.
 */
export async function readSources(
  sources: readonly ImportSource[],
  password?: string,
  signal?: AbortSignal,
): Promise<ReadOutcome> {
  if (sources.length === 0) throw new ImportSourceError(t('chooseFileOrPaste'));
  const locked: string[] = [];
  for (const source of sources) {
    try {
      if (detectFormat(source.bytes ?? source.text).needsPassword) locked.push(source.name);
    } catch (error) {
      named(source, error);
    }
  }
  if (locked.length > 0 && !password) return { kind: 'password', names: locked };
  const plan: ImportPlan = { accounts: [], skipped: [], repeats: 0, formats: [] };
  for (const source of sources) {
    let result: Awaited<ReturnType<typeof detectAndParseWithPassword>>;
    try {
      const input = source.bytes ?? source.text;
      result = password ? await detectAndParseWithPassword(input, password, signal) : detectAndParse(input);
      signal?.throwIfAborted();
    } catch (error) {
      named(source, error);
    }
    const repeated = new Set(findDuplicates(plan.accounts, result.accounts).map((d) => d.incomingIndex));
    result.accounts.forEach((account, index) => {
      if (!repeated.has(index)) plan.accounts.push(account);
      else
        plan.skipped.push({
          label: account.issuer ? `${account.issuer} (${account.account})` : account.account,
          reason: t('inAnotherSource'),
        });
    });
    plan.skipped.push(...result.skipped);
    plan.repeats += result.repeats;
    if (!plan.formats.includes(result.format)) plan.formats.push(result.format);
  }
  return { kind: 'plan', plan };
}
