/**
 * The one error type the shared core throws. Expected outcomes (a wrong code) are return
 * values; an OtpError always means the input itself is malformed or unsupported, and its
 * message says what to fix. `code` lets callers branch without parsing the message.
 */
export type OtpErrorCode =
  /** Text that is not RFC 4648 base32. */
  | 'INVALID_BASE32'
  /** A number or option outside its documented range (digits, counter, time, window...). */
  | 'INVALID_ARGUMENT'
  /** An account whose fields cannot be written out (empty name, colon in issuer...). */
  | 'INVALID_ACCOUNT'
  /** An otpauth:// URI that does not follow the Key URI Format. */
  | 'INVALID_URI'
  /** An otpauth-migration:// URI whose payload is truncated, corrupt or not base64. */
  | 'INVALID_MIGRATION'
  /** Well-formed input describing something this product cannot generate codes for (MD5, 7 digits in an export). */
  | 'UNSUPPORTED_ACCOUNT';

/**
 * What is wrong, as data, for a caller that words it in another language; `message` says the same
 * in English. Only reasons a person can meet in a scanned QR code or an imported file have one.
 * Values are kept as the message writes them (strings), so a translation shows the same text.
 */
export type OtpErrorReason =
  | { kind: 'digits-out-of-range'; digits: string; min: string; max: string }
  | { kind: 'period-out-of-range'; period: string; max: string }
  | { kind: 'counter-out-of-range'; counter: string }
  | { kind: 'issuer-has-colon'; issuer: string }
  | { kind: 'broken-character' }
  | { kind: 'surrounding-spaces' }
  | UriReason
  | Base32Reason
  | MigrationReason;

/** Where in an otpauth:// URI a percent-encoding is broken. */
export type PercentPlace =
  | { in: 'label' }
  | { in: 'parameter name' }
  | { in: 'parameter'; parameter: string };

/** Why an otpauth:// URI cannot be read (uri.ts). The two `…because` kinds take their detail from `cause`. */
export type UriReason =
  | { kind: 'not-otpauth-uri' }
  | { kind: 'unsupported-otp-type'; type: string }
  | { kind: 'broken-percent-encoding'; place: PercentPlace }
  | { kind: 'repeated-parameter'; parameter: string }
  | { kind: 'parameter-not-whole-number'; parameter: string; value: string }
  | { kind: 'unsupported-algorithm'; algorithm: string }
  | { kind: 'no-secret' }
  | { kind: 'secret-not-base32-because' }
  | { kind: 'secret-decodes-to-nothing' }
  | { kind: 'no-account-in-label' }
  | { kind: 'digits-parameter-out-of-range'; digits: string; min: string; max: string }
  | { kind: 'period-parameter-out-of-range'; period: string; max: string }
  | { kind: 'hotp-without-counter' }
  | { kind: 'counter-parameter-too-large'; counter: string }
  | { kind: 'unusable-account-because' };

/** An entry of an export QR code, or an account written to one, as messages name it: position and label. */
export interface MigrationEntryName {
  position: string;
  /** '' when the entry has neither name nor issuer. */
  label: string;
}

/**
 * Why an export QR code (otpauth-migration://) or one of its entries cannot be read, or why an
 * account cannot be written to one (migration.ts, migration-encode.ts). `…because` kinds take
 * their detail from `cause`.
 */
export type MigrationReason =
  | { kind: 'not-export-uri' }
  | { kind: 'export-without-data' }
  | { kind: 'export-broken-percent-encoding' }
  | { kind: 'export-not-base64-because' }
  | { kind: 'export-truncated-because' }
  | { kind: 'entry-unknown-type'; entry: MigrationEntryName; type: string }
  | { kind: 'entry-md5'; entry: MigrationEntryName }
  | { kind: 'entry-unknown-algorithm'; entry: MigrationEntryName; algorithm: string }
  | { kind: 'entry-unknown-digits'; entry: MigrationEntryName; digits: string }
  | { kind: 'entry-no-secret'; entry: MigrationEntryName }
  | { kind: 'entry-counter-out-of-range'; entry: MigrationEntryName; counter: string }
  | { kind: 'entry-unusable-because'; entry: MigrationEntryName }
  | { kind: 'export-holds-no-steam'; account: MigrationEntryName }
  | { kind: 'export-holds-no-such-digits'; account: MigrationEntryName; digits: string }
  | { kind: 'export-holds-only-30-seconds'; account: MigrationEntryName; period: string };

/** Why text is not base32 (base32.ts). `character` is written as the message shows it: "!" or U+0009. */
export type Base32Reason =
  | { kind: 'base32-bad-character'; character: string; position: string }
  | { kind: 'base32-after-padding'; position: string }
  | { kind: 'base32-bad-length'; symbols: string };

export class OtpError extends Error {
  override readonly name = 'OtpError';
  readonly code: OtpErrorCode;
  readonly reason: OtpErrorReason | undefined;

  constructor(code: OtpErrorCode, message: string, options?: { cause?: unknown; reason?: OtpErrorReason }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.reason = options?.reason;
  }
}
