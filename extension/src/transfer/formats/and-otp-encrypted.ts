import { t } from '../../i18n/t.ts';
import { CorruptFileError, WrongPasswordError } from '../errors.ts';
import type { ImportResult } from '../import-result.ts';
import { openAesGcm, pbkdf2Key, utf8 } from '../password-crypto.ts';
import { parseAndOtpEntries } from './and-otp.ts';

/**
 * andOTP's encrypted backup (`.json.aes`, the format since andOTP 0.6.3): a 4-byte big-endian
 * PBKDF2 iteration count, a 12-byte salt, a 12-byte nonce, then AES-256-GCM ciphertext with its
 * 16-byte tag. The key is PBKDF2-HMAC-SHA1 of the password; the plaintext is the JSON backup.
 */
const HEADER_BYTES = 4 + 12 + 12;
const TAG_BYTES = 16;
/** andOTP picks 140,000 to 160,000; far more means another kind of file, not a long wait. */
const MAX_ITERATIONS = 10_000_000;

/** True when the bytes have the layout of an encrypted andOTP backup. */
export function looksLikeEncryptedAndOtp(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES + TAG_BYTES) return false;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  return iterations >= 1 && iterations <= MAX_ITERATIONS;
}

export async function parseEncryptedAndOtp(bytes: Uint8Array, password: string): Promise<ImportResult> {
  if (!looksLikeEncryptedAndOtp(bytes)) {
    throw new CorruptFileError(t('andOtpDamaged'));
  }
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  const key = await pbkdf2Key(password, bytes.subarray(4, 16), iterations, 'SHA-1');
  let plain: Uint8Array | null;
  try {
    plain = await openAesGcm(key, bytes.subarray(16, HEADER_BYTES), bytes.subarray(HEADER_BYTES));
  } finally {
    key.fill(0);
  }
  // GCM cannot tell a wrong password from a damaged file; the password is by far the likelier.
  if (plain === null) {
    throw new WrongPasswordError(t('wrongPasswordAndOtp'));
  }
  const text = utf8(plain);
  plain.fill(0);
  let entries: unknown;
  try {
    entries = text === null ? null : JSON.parse(text);
  } catch {
    entries = null;
  }
  if (!Array.isArray(entries)) {
    throw new CorruptFileError(t('andOtpDecryptedNotEntries'));
  }
  return parseAndOtpEntries(entries, 'andotp-encrypted');
}
