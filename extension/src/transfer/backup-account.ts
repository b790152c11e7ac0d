import {
  base32Decode,
  base32Encode,
  type OtpAccount,
  OtpError,
  validateAccount,
} from '../../../shared/index.ts';
import { checkIcon } from '../accounts/site-icon.ts';
import { webOrigin } from '../fill/web-origin.ts';
import { t } from '../i18n/t.ts';
import { otpReasonText } from '../reasons/otp-reason-text.ts';
import { CorruptFileError } from './errors.ts';

/** What a backup keeps per account: the shared OTP fields plus the list's own metadata. Order is list order. */
export interface BackupAccount extends OtpAccount {
  pinned?: boolean;
  /** The web origin the account belongs to; backups made before sites existed have none. */
  site?: string;
  /** The site's icon (a small PNG data: URL); a file's icon that is not one is dropped on reading. */
  icon?: string;
}

/** JSON form inside the encrypted payload; the secret as unpadded upper-case base32 (RFC 4648 §6). */
interface StoredAccount {
  type: string;
  secret: string;
  issuer: string;
  account: string;
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
  pinned: boolean;
  site?: string;
  icon?: string;
}

const STORED_FIELDS = [
  'type',
  'secret',
  'issuer',
  'account',
  'algorithm',
  'digits',
  'period',
  'counter',
  'pinned',
];

export function toStoredAccount(account: BackupAccount): StoredAccount {
  validateAccount(account);
  return {
    type: account.type,
    secret: base32Encode(account.secret),
    issuer: account.issuer,
    account: account.account,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    pinned: account.pinned === true,
    ...(account.site !== undefined && { site: account.site }),
    ...(account.icon !== undefined && { icon: account.icon }),
  };
}

/**
 * Reads one stored account. The payload was authenticated, so anything off here means the file
 * was written wrongly, not tampered with; it is still reported instead of half-restored.
 */
export function fromStoredAccount(value: unknown, position: number): BackupAccount {
  const fail = (why: string): never => {
    throw new CorruptFileError(t('backupAccountUnreadable', position + 1, why));
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail(t('backupAccountNotObject'));
  const stored = value as Record<string, unknown>;
  const keys = Object.keys(stored).filter((key) => key !== 'site' && key !== 'icon');
  if (keys.length !== STORED_FIELDS.length || !STORED_FIELDS.every((field) => keys.includes(field))) {
    return fail(t('backupAccountFields', STORED_FIELDS.join(', ')));
  }
  if (
    stored.site !== undefined &&
    (typeof stored.site !== 'string' || webOrigin(stored.site) !== stored.site)
  ) {
    return fail(t('backupAccountSiteNotOrigin'));
  }
  if (typeof stored.secret !== 'string' || typeof stored.pinned !== 'boolean') {
    return fail(t('backupAccountWrongTypes'));
  }
  try {
    const account = {
      type: stored.type,
      secret: base32Decode(stored.secret),
      issuer: stored.issuer,
      account: stored.account,
      algorithm: stored.algorithm,
      digits: stored.digits,
      period: stored.period,
      counter: stored.counter,
    } as OtpAccount;
    validateAccount(account);
    // An icon is only a picture: one that is not a small PNG is left out rather than refusing the file.
    const icon = checkIcon(stored.icon);
    return {
      ...account,
      pinned: stored.pinned,
      ...(typeof stored.site === 'string' && { site: stored.site }),
      ...(icon !== undefined && { icon }),
    };
  } catch (error) {
    if (error instanceof OtpError) return fail(otpReasonText(error));
    throw error;
  }
}
