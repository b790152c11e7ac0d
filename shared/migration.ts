import {
  DEFAULT_PERIOD,
  type HashAlgorithm,
  type OtpAccount,
  type OtpType,
  validateAccount,
} from './account.ts';
import { type MigrationEntryName, OtpError, type OtpErrorReason } from './errors.ts';
import { Base64Error, base64Decode, base64UrlDecode } from './internal/base64.ts';
import {
  type BatchFields,
  MIGRATION_SCHEME,
  type OtpParametersMessage,
  readMigrationPayload,
} from './internal/migration-payload.ts';
import { ProtobufError } from './internal/protobuf.ts';

/**
 * Export QR codes of the widely used phone authenticator:
 * `otpauth-migration://offline?data=<URL-encoded standard base64 of a MigrationPayload>`
 * (schema in internal/migration-payload.ts). The format has no period (always 30 s) and
 * holds only 6 or 8 digits.
 */

export { DEFAULT_BATCH_SIZE, type EncodeMigrationOptions, encodeMigrationUris } from './migration-encode.ts';

const SCHEME = MIGRATION_SCHEME;

const ALGORITHM_FROM_WIRE: Record<number, HashAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const WIRE_MD5 = 4;
const DIGITS_FROM_WIRE: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPE_FROM_WIRE: Record<number, OtpType> = { 1: 'hotp', 2: 'totp' };

export interface MigrationBatch extends BatchFields {
  /** The entries that can be imported, in order. */
  accounts: OtpAccount[];
  /** Entries that cannot (an unsupported type or algorithm, no secret, ...), each with its reason. */
  skipped: { entry: number; error: OtpError }[];
}

function corrupt(message: string, reason?: OtpErrorReason, cause?: unknown): never {
  throw new OtpError('INVALID_MIGRATION', message, { cause, reason });
}

function readPayloadBytes(uri: string): Uint8Array {
  if (typeof uri !== 'string') corrupt('The export URI must be a string.');
  const trimmed = uri.trim();
  if (trimmed.slice(0, SCHEME.length).toLowerCase() !== SCHEME) {
    corrupt('This is not an export URI (it must start with "otpauth-migration://").', {
      kind: 'not-export-uri',
    });
  }
  const question = trimmed.indexOf('?');
  const query = question < 0 ? '' : (trimmed.slice(question + 1).split('#', 1)[0] as string);
  const data = query
    .split('&')
    .find((pair) => pair.startsWith('data='))
    ?.slice('data='.length);
  if (data === undefined || data === '')
    corrupt('The export URI has no "data" parameter.', { kind: 'export-without-data' });
  let base64: string;
  try {
    // A "+" left unencoded is a base64 letter here, never a space.
    base64 = decodeURIComponent(data).replaceAll(' ', '+');
  } catch (error) {
    corrupt(
      'The export data has a broken percent-encoding; the QR code was probably misread.',
      { kind: 'export-broken-percent-encoding' },
      error,
    );
  }
  try {
    // Google Authenticator writes standard padded base64; tools that pass the URI along sometimes
    // turn it into the URL-safe alphabet without padding (RFC 4648 §5). Each is read strictly.
    return /[-_]/.test(base64) || base64.length % 4 !== 0 ? base64UrlDecode(base64) : base64Decode(base64);
  } catch (error) {
    if (error instanceof Base64Error)
      corrupt(
        `The export data is not valid base64: ${error.message}.`,
        { kind: 'export-not-base64-because' },
        error,
      );
    throw error;
  }
}

/** How an entry is named in errors: its position and label, never its secret. */
function entryName(index: number, message: OtpParametersMessage): MigrationEntryName {
  const name = message.name.trim();
  const issuer = message.issuer.trim();
  const label =
    issuer === '' || name.startsWith(`${issuer}:`) ? name : name === '' ? issuer : `${issuer}: ${name}`;
  return { position: String(index + 1), label };
}

function describeEntry({ position, label }: MigrationEntryName): string {
  return label === '' ? `Entry ${position}` : `Entry ${position} ("${label}")`;
}

function toAccount(message: OtpParametersMessage, index: number): OtpAccount {
  const name = entryName(index, message);
  const entry = describeEntry(name);
  const unsupported = (problem: string, reason: OtpErrorReason): never => {
    throw new OtpError('UNSUPPORTED_ACCOUNT', `${entry} ${problem}`, { reason });
  };
  const type =
    TYPE_FROM_WIRE[message.type] ??
    unsupported(`has an unknown OTP type ${message.type}; only TOTP and HOTP can be imported.`, {
      kind: 'entry-unknown-type',
      entry: name,
      type: String(message.type),
    });
  const algorithm =
    ALGORITHM_FROM_WIRE[message.algorithm] ??
    unsupported(
      message.algorithm === WIRE_MD5
        ? 'uses MD5, which this authenticator does not support.'
        : `uses an unknown algorithm ${message.algorithm}.`,
      message.algorithm === WIRE_MD5
        ? { kind: 'entry-md5', entry: name }
        : { kind: 'entry-unknown-algorithm', entry: name, algorithm: String(message.algorithm) },
    );
  const digits =
    DIGITS_FROM_WIRE[message.digits] ??
    unsupported(`has an unknown digit count ${message.digits}.`, {
      kind: 'entry-unknown-digits',
      entry: name,
      digits: String(message.digits),
    });
  if (message.secret.length === 0)
    corrupt(`${entry} has no secret.`, { kind: 'entry-no-secret', entry: name });
  if (type === 'hotp' && (message.counter < 0n || message.counter > BigInt(Number.MAX_SAFE_INTEGER))) {
    unsupported(`has a counter ${message.counter} outside 0 to 2^53 - 1.`, {
      kind: 'entry-counter-out-of-range',
      entry: name,
      counter: String(message.counter),
    });
  }
  // Names often carry "Issuer:account"; strip the prefix only when it is the issuer itself. The
  // payload has its own issuer field, so with that empty a colon is part of the name.
  const issuer = message.issuer.trim();
  let account = message.name.trim();
  const colon = account.indexOf(':');
  if (issuer !== '' && colon >= 0 && account.slice(0, colon).trim() === issuer) {
    account = account.slice(colon + 1).trim();
  }
  const result: OtpAccount = {
    type,
    secret: message.secret,
    issuer,
    account,
    algorithm,
    digits,
    period: DEFAULT_PERIOD,
    counter: type === 'hotp' ? Number(message.counter) : 0,
  };
  try {
    validateAccount(result);
  } catch (error) {
    corrupt(
      `${entry} cannot be imported: ${(error as Error).message}`,
      { kind: 'entry-unusable-because', entry: name },
      error,
    );
  }
  return result;
}

/** Decodes one export QR code with its place in the batch. Throws OtpError naming the problem. */
export function decodeMigrationBatch(uri: string): MigrationBatch {
  const bytes = readPayloadBytes(uri);
  let payload: ReturnType<typeof readMigrationPayload>;
  try {
    payload = readMigrationPayload(bytes);
  } catch (error) {
    if (error instanceof ProtobufError) {
      corrupt(
        `The export data is truncated or corrupt (${error.message}); scan the QR code again.`,
        { kind: 'export-truncated-because' },
        error,
      );
    }
    throw error;
  } finally {
    // The secrets were copied out; do not leave them in the decoded buffer.
    bytes.fill(0);
  }
  const { entries, ...batch } = payload;
  const accounts: OtpAccount[] = [];
  const skipped: MigrationBatch['skipped'] = [];
  // One entry the authenticator cannot use does not cost the other entries of the QR code.
  entries.forEach((message, index) => {
    try {
      accounts.push(toAccount(message, index));
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      skipped.push({ entry: index + 1, error });
    }
  });
  return { ...batch, accounts, skipped };
}

/**
 * Decodes the accounts of one export QR code (`otpauth-migration://offline?data=...`), all or
 * nothing: an entry that cannot be imported throws its OtpError (see decodeMigrationBatch to keep
 * the others).
 */
export function decodeMigrationUri(uri: string): OtpAccount[] {
  const { accounts, skipped } = decodeMigrationBatch(uri);
  if (skipped[0]) throw skipped[0].error;
  return accounts;
}
