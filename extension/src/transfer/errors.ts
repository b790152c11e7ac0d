/**
 * Why a whole file could not be read. Problems with single entries are not errors: they are
 * listed in `ImportResult.skipped`. Each case is its own class (for `instanceof`) and carries
 * a `code` (for a `switch` in the UI); messages are written for the person who chose the file.
 */
export type TransferErrorCode =
  | 'NOT_A_BACKUP'
  | 'UNRECOGNISED_FORMAT'
  | 'CORRUPT_FILE'
  | 'NEWER_VERSION'
  | 'WRONG_PASSWORD'
  | 'PASSWORD_REQUIRED'
  | 'UNSUPPORTED_FILE';

export abstract class TransferError extends Error {
  abstract readonly code: TransferErrorCode;
}

/** The text is valid JSON or text but not one of this product's backups. */
export class NotABackupError extends TransferError {
  override readonly name = 'NotABackupError';
  readonly code = 'NOT_A_BACKUP';
}

/** No import format recognises the text. */
export class UnrecognisedFormatError extends TransferError {
  override readonly name = 'UnrecognisedFormatError';
  readonly code = 'UNRECOGNISED_FORMAT';
}

/** The file is of a known format but truncated, damaged or altered. */
export class CorruptFileError extends TransferError {
  override readonly name = 'CorruptFileError';
  readonly code = 'CORRUPT_FILE';
}

/** Written by a newer version of the format than this release understands. */
export class NewerVersionError extends TransferError {
  override readonly name = 'NewerVersionError';
  readonly code = 'NEWER_VERSION';
}

/** The password does not open the file. */
export class WrongPasswordError extends TransferError {
  override readonly name = 'WrongPasswordError';
  readonly code = 'WRONG_PASSWORD';
}

/** The file is encrypted: ask for its password and call the password-taking variant. */
export class PasswordRequiredError extends TransferError {
  override readonly name = 'PasswordRequiredError';
  readonly code = 'PASSWORD_REQUIRED';
}

/** A recognised file in a variant this product does not read (for example an encrypted 2FAS backup). */
export class UnsupportedFileError extends TransferError {
  override readonly name = 'UnsupportedFileError';
  readonly code = 'UNSUPPORTED_FILE';
}
