import type { OtpAccount } from '../../../shared/index.ts';
import { SeenAccounts } from '../accounts/identity.ts';

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
 * Collects accounts and skipped entries while a file is read. An entry that is the same account
 * as one already collected (the same QR code pasted twice, or that account under another label) is
 * kept once and reported; accounts/identity.ts holds the rule and why.
 */
export class ImportCollector {
  readonly accounts: OtpAccount[] = [];
  readonly skipped: SkippedEntry[] = [];
  private readonly seen = new SeenAccounts();

  add(account: OtpAccount, label: string): void {
    if (!this.seen.add(account)) {
      this.skip(label, 'It appears more than once in what was imported; it is added once.');
      return;
    }
    this.accounts.push(account);
  }

  skip(label: string, reason: string): void {
    this.skipped.push({ label, reason });
  }

  result(format: ImportFormat): ImportResult {
    return { format, accounts: this.accounts, skipped: this.skipped };
  }
}
