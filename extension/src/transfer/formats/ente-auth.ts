import { isRecord } from './entry-fields.ts';

/**
 * Ente Auth exports either plain text, one otpauth:// URI per line (read by uri-lines.ts), or an
 * encrypted JSON file `{ version, kdfParams: { memLimit, opsLimit, salt }, encryptedData,
 * encryptionNonce }` sealed with libsodium's XChaCha20-Poly1305 secret stream under an Argon2id
 * key. That stream cipher is in neither WebCrypto nor this extension's libraries, so the encrypted
 * file is recognised and refused with what to do instead.
 */
export function isEncryptedEnteExport(json: unknown): boolean {
  return (
    isRecord(json) &&
    isRecord(json.kdfParams) &&
    typeof json.encryptedData === 'string' &&
    typeof json.encryptionNonce === 'string'
  );
}
