/** Moving accounts in and out of the extension: encrypted backups, imports, exports. Pure; no browser APIs. */

export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupFile,
  type BackupOptions,
  backupFileName,
  createBackup,
  type RestoredBackup,
  readBackup,
} from './backup.ts';
export type { BackupAccount } from './backup-account.ts';
export {
  detectAndParse,
  detectAndParseWithPassword,
  detectFormat,
  type ImportInput,
  MAX_IMPORT_CHARS,
} from './detect.ts';
export {
  CorruptFileError,
  NewerVersionError,
  NotABackupError,
  PasswordRequiredError,
  TransferError,
  type TransferErrorCode,
  UnrecognisedFormatError,
  UnsupportedFileError,
  WrongPasswordError,
} from './errors.ts';
export { type MigrationExport, plainTextExport, toMigrationPages, toOtpauthLines } from './export.ts';
export { aegisEncryptedExport, aegisPlainExport } from './export-aegis.ts';
export { twoFasExport } from './export-two-fas.ts';
export type { ImportFormat, ImportResult, SkippedEntry } from './import-result.ts';
