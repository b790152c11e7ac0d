/** Public API of the shared OTP core. Everything here is pure: time and randomness are parameters. */
export type { HashAlgorithm, OtpAccount, OtpType } from './account.ts';
export { DEFAULT_DIGITS, DEFAULT_PERIOD, STEAM_DIGITS, STEAM_PERIOD, validateAccount } from './account.ts';
export { base32Decode, base32Encode } from './base32.ts';
export {
  type Base32Reason,
  type MigrationEntryName,
  type MigrationReason,
  OtpError,
  type OtpErrorCode,
  type OtpErrorReason,
  type UriReason,
} from './errors.ts';
export { DEFAULT_HOTP_WINDOW, type HotpOptions, hotp, type VerifyHotpOptions, verifyHotp } from './hotp.ts';
export {
  DEFAULT_BATCH_SIZE,
  decodeMigrationBatch,
  decodeMigrationUri,
  type EncodeMigrationOptions,
  encodeMigrationUris,
  type MigrationBatch,
} from './migration.ts';
export { DEFAULT_SECRET_BYTES, generateSecret } from './secret.ts';
export { STEAM_ALPHABET, type SteamOptions, steamCode } from './steam.ts';
export {
  DEFAULT_TOTP_WINDOW,
  type TotpOptions,
  timeStep,
  totp,
  type VerifyTotpOptions,
  verifyTotp,
} from './totp.ts';
export { formatOtpauthUri, parseOtpauthUri } from './uri.ts';
