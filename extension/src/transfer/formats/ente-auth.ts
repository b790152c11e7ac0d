import { isRecord } from './entry-fields.ts';

/**
 * Ente Auth exports either plain text, one otpauth:// URI per line (read by uri-lines.ts), or an
 * encrypted JSON file `{ version, kdfParams: { memLimit, opsLimit, salt }, encryptedData,
 * encryptionNonce }` (read by ente-auth-encrypted.ts once the password is known).
 */
export function isEncryptedEnteExport(json: unknown): json is Record<string, unknown> {
  return (
    isRecord(json) &&
    isRecord(json.kdfParams) &&
    typeof json.encryptedData === 'string' &&
    typeof json.encryptionNonce === 'string'
  );
}
