import { sha256 } from '@noble/hashes/sha2.js';
import { DEFAULT_PERIOD, type HashAlgorithm, type OtpAccount, validateAccount } from './account.ts';
import { type MigrationEntryName, OtpError } from './errors.ts';
import { base64Encode } from './internal/base64.ts';
import {
  MIGRATION_SCHEME,
  type OtpParametersMessage,
  writeMigrationPayload,
  writeOtpParameters,
} from './internal/migration-payload.ts';

/**
 * Writing export QR codes of the widely used phone authenticator (read in migration.ts). The
 * format has no period (always 30 s) and holds only 6 or 8 digits.
 */

const PAYLOAD_VERSION = 1;
/** Ten typical entries make about 1.1 kB of URI, a QR code a phone camera still reads off a screen. */
export const DEFAULT_BATCH_SIZE = 10;
const MAX_BATCH_SIZE = 1000;

const ALGORITHM_TO_WIRE: Record<HashAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_TO_WIRE: Record<number, number> = { 6: 1, 8: 2 };
const TYPE_TO_WIRE: Record<'totp' | 'hotp', number> = { hotp: 1, totp: 2 };

export interface EncodeMigrationOptions {
  /** Accounts per URI (one QR code each), default 10. */
  batchSize?: number;
  /** int32 shared by the URIs of one export; defaults to one derived from the accounts themselves. */
  batchId?: number;
}

function toMessage(account: OtpAccount, index: number): OtpParametersMessage {
  validateAccount(account);
  const label = account.issuer === '' ? account.account : `${account.issuer} / ${account.account}`;
  const name: MigrationEntryName = { position: String(index + 1), label };
  if (account.type === 'steam') {
    throw new OtpError(
      'UNSUPPORTED_ACCOUNT',
      `Account ${index + 1} (${label}) is a Steam Guard account; the export format only holds TOTP and HOTP.`,
      { reason: { kind: 'export-holds-no-steam', account: name } },
    );
  }
  const digits = DIGITS_TO_WIRE[account.digits];
  if (digits === undefined) {
    throw new OtpError(
      'UNSUPPORTED_ACCOUNT',
      `Account ${index + 1} (${label}) has ${account.digits} digits; the export format only holds 6 or 8.`,
      { reason: { kind: 'export-holds-no-such-digits', account: name, digits: String(account.digits) } },
    );
  }
  if (account.type === 'totp' && account.period !== DEFAULT_PERIOD) {
    throw new OtpError(
      'UNSUPPORTED_ACCOUNT',
      `Account ${index + 1} (${label}) changes every ${account.period} seconds; the export format only holds 30-second accounts.`,
      { reason: { kind: 'export-holds-only-30-seconds', account: name, period: String(account.period) } },
    );
  }
  return {
    secret: account.secret,
    // "Issuer:account" keeps the split unambiguous even when the account name has a colon.
    name: account.issuer === '' ? account.account : `${account.issuer}:${account.account}`,
    issuer: account.issuer,
    algorithm: ALGORITHM_TO_WIRE[account.algorithm],
    digits,
    type: TYPE_TO_WIRE[account.type],
    counter: BigInt(account.type === 'hotp' ? account.counter : 0),
  };
}

/** Same accounts, same id: pure, yet different exports are unlikely to share one. */
function derivedBatchId(entries: readonly Uint8Array[]): number {
  const hash = sha256.create();
  for (const entry of entries) hash.update(entry);
  return new DataView(hash.digest().buffer).getInt32(0);
}

function checkOptions(options: EncodeMigrationOptions): void {
  const { batchSize, batchId } = options;
  if (
    batchSize !== undefined &&
    (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE)
  ) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}, not ${String(batchSize)}.`,
    );
  }
  if (batchId !== undefined && (!Number.isInteger(batchId) || batchId < -(2 ** 31) || batchId >= 2 ** 31)) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The batch id must be a 32-bit signed integer, not ${String(batchId)}.`,
    );
  }
}

/**
 * Writes accounts as export URIs, `batchSize` accounts per URI (one QR code each). Throws
 * OtpError('UNSUPPORTED_ACCOUNT') for accounts the format cannot hold (7 digits, period not 30).
 */
export function encodeMigrationUris(
  accounts: readonly OtpAccount[],
  options: EncodeMigrationOptions = {},
): string[] {
  if (!Array.isArray(accounts)) throw new OtpError('INVALID_ARGUMENT', 'The accounts must be an array.');
  checkOptions(options);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const entries = accounts.map((account, index) => writeOtpParameters(toMessage(account, index)));
  const batchId = options.batchId ?? derivedBatchId(entries);
  const uriCount = Math.ceil(entries.length / batchSize);
  const uris = Array.from({ length: uriCount }, (_, batchIndex) => {
    const payload = writeMigrationPayload(
      entries.slice(batchIndex * batchSize, (batchIndex + 1) * batchSize),
      {
        version: PAYLOAD_VERSION,
        batchSize: uriCount,
        batchIndex,
        batchId,
      },
    );
    const uri = `${MIGRATION_SCHEME}offline?data=${encodeURIComponent(base64Encode(payload))}`;
    payload.fill(0);
    return uri;
  });
  for (const entry of entries) entry.fill(0);
  return uris;
}
