import { sha256 } from '@noble/hashes/sha2.js';
import {
  DEFAULT_PERIOD,
  type HashAlgorithm,
  type OtpAccount,
  type OtpType,
  validateAccount,
} from './account.ts';
import { OtpError } from './errors.ts';
import { Base64Error, base64Decode, base64Encode } from './internal/base64.ts';
import {
  ProtobufError,
  ProtobufReader,
  ProtobufWriter,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from './internal/protobuf.ts';

/**
 * Export QR codes of the widely used phone authenticator:
 * `otpauth-migration://offline?data=<URL-encoded standard base64 of a MigrationPayload>`.
 *
 *   message MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                              int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
 *                           Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
 *
 * The format has no period (always 30 s) and only 6 or 8 digits.
 */

const SCHEME = 'otpauth-migration://';
const PAYLOAD_VERSION = 1;
/** Ten typical entries make about 1.1 kB of URI, a QR code a phone camera still reads off a screen. */
export const DEFAULT_BATCH_SIZE = 10;

const ALGORITHM_FROM_WIRE: Record<number, HashAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_TO_WIRE: Record<HashAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_FROM_WIRE: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const DIGITS_TO_WIRE: Record<number, number> = { 6: 1, 8: 2 };
const TYPE_FROM_WIRE: Record<number, OtpType> = { 1: 'hotp', 2: 'totp' };
const TYPE_TO_WIRE: Record<OtpType, number> = { hotp: 1, totp: 2 };
const WIRE_MD5 = 4;

export interface MigrationBatch {
  accounts: OtpAccount[];
  /** Zero-based position of this QR code among `batchSize` codes of one export. */
  batchIndex: number;
  batchSize: number;
  /** Shared by every QR code of one export, so parts of different exports are not mixed. */
  batchId: number;
  version: number;
}

export interface EncodeMigrationOptions {
  /** Accounts per URI (one QR code each), default 10. */
  batchSize?: number;
  /** int32 identifying this export; defaults to one derived from the accounts themselves. */
  batchId?: number;
}

function corrupt(message: string, cause?: unknown): never {
  throw new OtpError('INVALID_MIGRATION', message, cause === undefined ? undefined : { cause });
}

function readPayloadBytes(uri: string): Uint8Array {
  if (typeof uri !== 'string') corrupt('The export URI must be a string.');
  const trimmed = uri.trim();
  if (trimmed.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    corrupt('This is not an export URI (it must start with "otpauth-migration://").');
  }
  const question = trimmed.indexOf('?');
  const query = question < 0 ? '' : trimmed.slice(question + 1).split('#', 1)[0];
  const data = (query ?? '')
    .split('&')
    .find((pair) => pair.startsWith('data='))
    ?.slice('data='.length);
  if (data === undefined || data === '') corrupt('The export URI has no "data" parameter.');
  let base64: string;
  try {
    // A "+" left unencoded is a base64 letter here, never a space.
    base64 = decodeURIComponent(data).replaceAll(' ', '+');
  } catch (error) {
    corrupt('The export data has a broken percent-encoding; the QR code was probably misread.', error);
  }
  try {
    return base64Decode(base64);
  } catch (error) {
    if (error instanceof Base64Error)
      corrupt(`The export data is not valid base64: ${error.message}.`, error);
    throw error;
  }
}

function int32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufError(`the ${what} is not valid UTF-8`);
  }
}

interface RawParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

function expectWire(actual: number, expected: number, field: string): void {
  if (actual !== expected) throw new ProtobufError(`the ${field} field has the wrong wire type ${actual}`);
}

function readParameters(bytes: Uint8Array): RawParameters {
  const reader = new ProtobufReader(bytes);
  const raw: RawParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    const expected = field <= 3 ? WIRE_LENGTH_DELIMITED : WIRE_VARINT;
    if (field > 7) {
      reader.skip(wireType);
      continue;
    }
    expectWire(
      wireType,
      expected,
      ['secret', 'name', 'issuer', 'algorithm', 'digits', 'type', 'counter'][field - 1] as string,
    );
    if (field === 1) raw.secret = reader.lengthDelimited().slice();
    else if (field === 2) raw.name = text(reader.lengthDelimited(), 'name');
    else if (field === 3) raw.issuer = text(reader.lengthDelimited(), 'issuer');
    else if (field === 4) raw.algorithm = int32(reader.varint());
    else if (field === 5) raw.digits = int32(reader.varint());
    else if (field === 6) raw.type = int32(reader.varint());
    else raw.counter = BigInt.asIntN(64, reader.varint());
  }
  return raw;
}

/** How an entry is named in errors: its position and label, never its secret. */
function describeEntry(index: number, raw: RawParameters): string {
  const name = raw.name.trim();
  const issuer = raw.issuer.trim();
  const label =
    issuer === '' || name.startsWith(`${issuer}:`) ? name : name === '' ? issuer : `${issuer}: ${name}`;
  return label === '' ? `Entry ${index + 1}` : `Entry ${index + 1} ("${label}")`;
}

function toAccount(index: number, raw: RawParameters): OtpAccount {
  const entry = describeEntry(index, raw);
  const unsupported = (message: string): never => {
    throw new OtpError('UNSUPPORTED_ACCOUNT', `${entry} ${message}`);
  };
  const type =
    TYPE_FROM_WIRE[raw.type] ??
    unsupported(`has an unknown OTP type ${raw.type}; only TOTP and HOTP can be imported.`);
  const algorithm =
    ALGORITHM_FROM_WIRE[raw.algorithm] ??
    unsupported(
      raw.algorithm === WIRE_MD5
        ? 'uses MD5, which this authenticator does not support.'
        : `uses an unknown algorithm ${raw.algorithm}.`,
    );
  const digits = DIGITS_FROM_WIRE[raw.digits] ?? unsupported(`has an unknown digit count ${raw.digits}.`);
  if (raw.secret.length === 0) corrupt(`${entry} has no secret.`);
  if (type === 'hotp' && (raw.counter < 0n || raw.counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    unsupported(`has a counter ${raw.counter} outside 0 to 2^53 - 1.`);
  }
  // Names often carry "Issuer:account"; strip the prefix only when it is the issuer itself.
  let issuer = raw.issuer.trim();
  let account = raw.name.trim();
  const colon = account.indexOf(':');
  if (colon >= 0) {
    const prefix = account.slice(0, colon).trim();
    if (issuer === '' || issuer === prefix) {
      issuer = prefix;
      account = account.slice(colon + 1).trim();
    }
  }
  const result: OtpAccount = {
    type,
    secret: raw.secret,
    issuer,
    account,
    algorithm,
    digits,
    period: DEFAULT_PERIOD,
    counter: type === 'hotp' ? Number(raw.counter) : 0,
  };
  try {
    validateAccount(result);
  } catch (error) {
    corrupt(`${entry} cannot be imported: ${(error as Error).message}`, error);
  }
  return result;
}

/** Decodes one export QR code with its place in the batch. Throws OtpError naming the problem. */
export function decodeMigrationBatch(uri: string): MigrationBatch {
  const bytes = readPayloadBytes(uri);
  const entries: RawParameters[] = [];
  const batch = { version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  try {
    const reader = new ProtobufReader(bytes);
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      if (field === 1) {
        expectWire(wireType, WIRE_LENGTH_DELIMITED, 'account');
        entries.push(readParameters(reader.lengthDelimited()));
      } else if (field >= 2 && field <= 5) {
        expectWire(wireType, WIRE_VARINT, 'batch information');
        const value = int32(reader.varint());
        if (field === 2) batch.version = value;
        else if (field === 3) batch.batchSize = value;
        else if (field === 4) batch.batchIndex = value;
        else batch.batchId = value;
      } else {
        reader.skip(wireType);
      }
    }
  } catch (error) {
    if (error instanceof ProtobufError) {
      corrupt(`The export data is truncated or corrupt (${error.message}); scan the QR code again.`, error);
    }
    throw error;
  }
  return { ...batch, accounts: entries.map((raw, index) => toAccount(index, raw)) };
}

/** Decodes the accounts of one export QR code (`otpauth-migration://offline?data=...`). */
export function decodeMigrationUri(uri: string): OtpAccount[] {
  return decodeMigrationBatch(uri).accounts;
}

const utf8Encoder = new TextEncoder();

function encodeParameters(account: OtpAccount, index: number): Uint8Array {
  validateAccount(account);
  const entry = `Account ${index + 1} (${account.issuer === '' ? account.account : `${account.issuer} / ${account.account}`})`;
  const digits = DIGITS_TO_WIRE[account.digits];
  if (digits === undefined) {
    throw new OtpError(
      'UNSUPPORTED_ACCOUNT',
      `${entry} has ${account.digits} digits; the export format only holds 6 or 8.`,
    );
  }
  if (account.type === 'totp' && account.period !== DEFAULT_PERIOD) {
    throw new OtpError(
      'UNSUPPORTED_ACCOUNT',
      `${entry} changes every ${account.period} seconds; the export format only holds 30-second accounts.`,
    );
  }
  // "Issuer:account" keeps the split unambiguous even when the account name has a colon.
  const name = account.issuer === '' ? account.account : `${account.issuer}:${account.account}`;
  return new ProtobufWriter()
    .bytesField(1, account.secret)
    .bytesField(2, utf8Encoder.encode(name))
    .bytesField(3, utf8Encoder.encode(account.issuer))
    .varintField(4, ALGORITHM_TO_WIRE[account.algorithm])
    .varintField(5, digits)
    .varintField(6, TYPE_TO_WIRE[account.type])
    .varintField(7, account.type === 'hotp' ? account.counter : 0)
    .finish();
}

function defaultBatchId(entries: Uint8Array[]): number {
  const hash = sha256.create();
  for (const entry of entries) hash.update(entry);
  const digest = hash.digest();
  return new DataView(digest.buffer).getInt32(0);
}

/**
 * Writes accounts as export URIs, `batchSize` accounts per URI (one QR code each). Throws
 * OtpError('UNSUPPORTED_ACCOUNT') for accounts the format cannot hold (7 digits, period not 30).
 */
export function encodeMigrationUris(
  accounts: readonly OtpAccount[],
  options: EncodeMigrationOptions = {},
): string[] {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The batch size must be a whole number from 1 to 1000, not ${String(batchSize)}.`,
    );
  }
  const batchIdOption = options.batchId;
  if (
    batchIdOption !== undefined &&
    (!Number.isInteger(batchIdOption) || int32(BigInt(batchIdOption)) !== batchIdOption)
  ) {
    throw new OtpError(
      'INVALID_ARGUMENT',
      `The batch id must be a 32-bit signed integer, not ${String(batchIdOption)}.`,
    );
  }
  const entries = accounts.map(encodeParameters);
  const batchId = batchIdOption ?? defaultBatchId(entries);
  const uriCount = Math.ceil(entries.length / batchSize);
  const uris: string[] = [];
  for (let index = 0; index < uriCount; index++) {
    const writer = new ProtobufWriter();
    for (const entry of entries.slice(index * batchSize, (index + 1) * batchSize))
      writer.bytesField(1, entry);
    writer
      .varintField(2, PAYLOAD_VERSION)
      .varintField(3, uriCount)
      .varintField(4, index)
      .varintField(5, batchId);
    uris.push(`${SCHEME}offline?data=${encodeURIComponent(base64Encode(writer.finish()))}`);
  }
  return uris;
}
