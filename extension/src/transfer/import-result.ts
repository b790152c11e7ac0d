import type { OtpAccount } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';

/** Formats `detectAndParse` recognises. */
export type ImportFormat =
  | 'otpauth'
  | 'migration'
  | 'aegis'
  | 'aegis-encrypted'
  | '2fas'
  | 'browser-authenticator'
  | 'backup';

/** An entry that was not imported, named so the user can find it in the other app. */
export interface SkippedEntry {
  label: string;
  reason: string;
}

export interface ImportResult {
  format: ImportFormat;
  accounts: OtpAccount[];
  skipped: SkippedEntry[];
}

/** "Issuer (account)", or whichever of the two is known, or a positional name. */
export function entryLabel(issuer: unknown, account: unknown, position: number): string {
  const parts = [issuer, account].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  if (parts.length === 2) return `${parts[0]?.trim()} (${parts[1]?.trim()})`;
  if (parts.length === 1) return (parts[0] as string).trim();
  return `Entry ${position + 1}`;
}

/**
 * Collects accounts and skipped entries while a file is read. An entry identical in every field
 * to one already collected (the same QR code pasted twice, say) is kept once and reported.
 */
export class ImportCollector {
  readonly accounts: OtpAccount[] = [];
  readonly skipped: SkippedEntry[] = [];
  /**
   * Every field of the accounts seen so far, so spotting repeats stays linear in the file size
   * even when a hostile file gives thousands of entries the same name.
   */
  private readonly seen = new Set<string>();

  add(account: OtpAccount, label: string): void {
    const { type, issuer, account: name, algorithm, digits, period, counter, secret } = account;
    // Issuer and name may hold any character, so they are JSON-quoted; the rest cannot hold a quote.
    const identity = `${JSON.stringify([issuer, name])}${type}${algorithm}/${digits}/${period}/${counter}/${base64Encode(secret)}`;
    if (this.seen.has(identity)) {
      this.skip(label, 'It appears more than once in what was imported; it is added once.');
      return;
    }
    this.seen.add(identity);
    this.accounts.push(account);
  }

  skip(label: string, reason: string): void {
    this.skipped.push({ label, reason });
  }

  result(format: ImportFormat): ImportResult {
    return { format, accounts: this.accounts, skipped: this.skipped };
  }
}
