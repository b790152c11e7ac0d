import {
  base32Decode,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  type HashAlgorithm,
  type OtpAccount,
  OtpError,
  type OtpType,
  validateAccount,
} from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { otpReasonText } from '../../reasons/otp-reason-text.ts';
import { hexToBytes } from '../hex.ts';
import type { ImportCollector } from '../import-result.ts';

/**
 * Reading single entries of other apps' files. An entry that cannot be imported throws
 * EntryProblem with the reason shown to the user; `collectEntry` turns it into a skipped entry.
 * The parsers run only in the extension, so a reason is worded through the catalogue (t) where it
 * arises: one string, in the UI language, with nothing to carry to the pages that show it.
 */
export class EntryProblem extends Error {
  override readonly name = 'EntryProblem';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field, trimmed; '' when absent or not a string. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

const NOT_A_WHOLE_NUMBER = {
  digits: (value: string) => t('skipDigitsNotWholeNumber', value),
  period: (value: string) => t('skipPeriodNotWholeNumber', value),
  counter: (value: string) => t('skipCounterNotWholeNumber', value),
  algorithm: (value: string) => t('skipAlgorithmNotWholeNumber', value),
};

/** A whole-number field; `fallback` when absent or null; EntryProblem when present but not a number. */
export function wholeNumber(
  value: unknown,
  field: keyof typeof NOT_A_WHOLE_NUMBER,
  fallback: number,
): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^[0-9]{1,16}$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw new EntryProblem(NOT_A_WHOLE_NUMBER[field](JSON.stringify(value)));
  }
  return number;
}

const ALGORITHMS: Record<string, HashAlgorithm> = {
  SHA1: 'SHA1',
  'SHA-1': 'SHA1',
  SHA256: 'SHA256',
  'SHA-256': 'SHA256',
  SHA512: 'SHA512',
  'SHA-512': 'SHA512',
};

/** Algorithm names as apps write them ("SHA256", "sha-256"); absent means SHA1 (RFC 6238 default). */
export function hashAlgorithm(value: unknown): HashAlgorithm {
  if (value === undefined || value === null || value === '') return 'SHA1';
  const name = typeof value === 'string' ? value.trim().toUpperCase() : '';
  const algorithm = ALGORITHMS[name];
  if (algorithm) return algorithm;
  throw new EntryProblem(
    t('skipAlgorithmNotSupported', typeof value === 'string' ? value : JSON.stringify(value)),
  );
}

export function base32Secret(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.trim() === '') throw new EntryProblem(t('skipNoSecret'));
  let secret: Uint8Array;
  try {
    secret = base32Decode(value.trim());
  } catch (error) {
    throw new EntryProblem(t('skipSecretNotBase32', otpReasonText(error)));
  }
  if (secret.length === 0) throw new EntryProblem(t('skipSecretEmpty'));
  return secret;
}

export function hexSecret(value: unknown): Uint8Array {
  const secret = typeof value === 'string' ? hexToBytes(value.trim()) : null;
  if (secret === null || secret.length === 0) throw new EntryProblem(t('skipSecretNotHex'));
  return secret;
}

export interface EntryFields {
  type: OtpType;
  secret: Uint8Array;
  issuer: string;
  account: string;
  algorithm: HashAlgorithm;
  digits?: number;
  period?: number;
  counter?: number;
}

/**
 * Builds and checks an account with the shared rules. Apps that allow an empty account name
 * get the issuer as the name, so the entry stays recognisable.
 */
export function makeAccount(fields: EntryFields): OtpAccount {
  const issuer = fields.issuer.trim();
  const account = fields.account.trim() || issuer;
  if (account === '') throw new EntryProblem(t('skipNoName'));
  // Steam Guard's algorithm, length and period are fixed, whatever the app wrote beside them.
  const steam = fields.type === 'steam';
  const result: OtpAccount = {
    type: fields.type,
    secret: fields.secret,
    issuer,
    account,
    algorithm: steam ? 'SHA1' : fields.algorithm,
    digits: steam ? 5 : (fields.digits ?? DEFAULT_DIGITS),
    period: fields.type === 'totp' ? (fields.period ?? DEFAULT_PERIOD) : DEFAULT_PERIOD,
    counter: fields.type === 'hotp' ? (fields.counter ?? 0) : 0,
  };
  try {
    validateAccount(result);
  } catch (error) {
    if (error instanceof OtpError) throw new EntryProblem(otpReasonText(error));
    throw error;
  }
  return result;
}

/** Runs `read` for one entry: its account is collected, or the reason it cannot be used is listed. */
export function collectEntry(collector: ImportCollector, label: string, read: () => OtpAccount): void {
  let account: OtpAccount;
  try {
    account = read();
  } catch (error) {
    if (error instanceof EntryProblem || error instanceof OtpError) {
      collector.skip(label, otpReasonText(error));
      return;
    }
    throw error;
  }
  collector.add(account, label);
}
