import type { OtpAccount } from '../../../shared/index.ts';
import { SeenAccounts } from '../accounts/identity.ts';
import { t } from '../i18n/t.ts';

/** Formats `detectAndParse` recognises. */
export type ImportFormat =
  | 'otpauth'
  | 'migration'
  | 'aegis'
  | 'aegis-encrypted'
  | '2fas'
  | '2fas-encrypted'
  | 'andotp'
  | 'andotp-encrypted'
  | 'bitwarden'
  | 'bitwarden-csv'
  | 'freeotp-plus'
  | 'proton-authenticator'
  | 'stratum'
  | 'browser-authenticator'
  | 'browser-authenticator-encrypted'
  | 'ente-auth-encrypted'
  | 'backup';

/** An entry that was not imported, named so the user can find it in the other app. */
export interface SkippedEntry {
  label: string;
  reason: string;
}

/**
 * What a file holds. Every one of its `entries` is accounted for: it is in `accounts`, or in
 * `skipped` with the reason, or it is one of the `repeats` (the same account with the same
 * name as one already in `accounts`), so nothing in a file disappears without a word.
 */
export interface ImportResult {
  format: ImportFormat;
  accounts: OtpAccount[];
  skipped: SkippedEntry[];
  repeats: number;
  entries: number;
}

/** "Issuer (account)", or whichever of the two is known, or a positional name. */
export function entryLabel(issuer: unknown, account: unknown, position: number): string {
  const parts = [issuer, account].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  if (parts.length === 2) return `${parts[0]?.trim()} (${parts[1]?.trim()})`;
  if (parts.length === 1) return (parts[0] as string).trim();
  return t('labelEntry', String(position + 1));
}

function accountLabel(account: OtpAccount): string {
  return account.issuer ? `${account.issuer} (${account.account})` : account.account;
}

/**
 * Collects accounts and skipped entries while a file is read, one call per entry of the file. An
 * entry that is the same account as one already collected (accounts/identity.ts holds the rule) is
 * kept once: counted as a repeat when its name is the same too, listed as skipped when it is that
 * account under another name, so the user sees which name was kept.
 */
export class ImportCollector {
  readonly accounts: OtpAccount[] = [];
  readonly skipped: SkippedEntry[] = [];
  private repeats = 0;
  private entries = 0;
  private readonly seen = new SeenAccounts<OtpAccount>();

  add(account: OtpAccount, label: string): void {
    this.entries++;
    const first = this.seen.addOrFind(account);
    if (first === undefined) {
      this.accounts.push(account);
    } else if (first.issuer === account.issuer && first.account === account.account) {
      this.repeats++;
    } else {
      this.skipped.push({
        label,
        reason: t('skipSameKeyAs', accountLabel(first)),
      });
    }
  }

  /** An entry known to repeat one already read (a QR code pasted twice), without reading it again. */
  repeat(): void {
    this.entries++;
    this.repeats++;
  }

  skip(label: string, reason: string): void {
    this.entries++;
    this.skipped.push({ label, reason });
  }

  result(format: ImportFormat): ImportResult {
    return {
      format,
      accounts: this.accounts,
      skipped: this.skipped,
      repeats: this.repeats,
      entries: this.entries,
    };
  }
}
