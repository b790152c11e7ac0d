import { Base64Error, base64Decode } from '../../../../shared/internal/base64.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError, WrongPasswordError } from '../errors.ts';
import type { ImportResult } from '../import-result.ts';
import { openAesGcm, pbkdf2Key, utf8 } from '../password-crypto.ts';
import { parseTwoFasServices } from './two-fas.ts';

/**
 * A password-protected 2FAS backup keeps its services in `servicesEncrypted`:
 * "base64(ciphertext + tag):base64(salt):base64(iv)". The key is PBKDF2-HMAC-SHA256 of the
 * password, 10,000 iterations, 256 bits; the cipher AES-GCM without associated data; the
 * plaintext the JSON list of services of a plain backup. `reference` is sealed the same way.
 */
export const TWO_FAS_ITERATIONS = 10_000;

/** `damaged`: what to say when the part is missing or not base64. */
function part(value: string | undefined, damaged: string): Uint8Array {
  try {
    if (value === undefined || value === '') throw new Base64Error('missing');
    return base64Decode(value);
  } catch (error) {
    if (error instanceof Base64Error) throw new CorruptFileError(damaged);
    throw error;
  }
}

export async function parseEncryptedTwoFas(
  backup: Record<string, unknown>,
  password: string,
): Promise<ImportResult> {
  const sealed = typeof backup.servicesEncrypted === 'string' ? backup.servicesEncrypted.split(':') : [];
  if (sealed.length !== 3) throw new CorruptFileError(t('twoFasSealedServicesDamaged'));
  const ciphertext = part(sealed[0], t('twoFasSealedServicesDamaged'));
  const salt = part(sealed[1], t('twoFasSealedSaltDamaged'));
  const iv = part(sealed[2], t('twoFasSealedNonceDamaged'));
  if (iv.length !== 12) throw new CorruptFileError(t('twoFasSealedNonceDamaged'));
  const key = await pbkdf2Key(password, salt, TWO_FAS_ITERATIONS, 'SHA-256');
  let plain: Uint8Array | null;
  try {
    plain = await openAesGcm(key, iv, ciphertext);
  } finally {
    key.fill(0);
  }
  if (plain === null) throw new WrongPasswordError(t('wrongPasswordTwoFas'));
  const text = utf8(plain);
  plain.fill(0);
  let services: unknown;
  try {
    services = text === null ? null : JSON.parse(text);
  } catch {
    services = null;
  }
  if (!Array.isArray(services)) {
    throw new CorruptFileError(t('twoFasDecryptedNotServices'));
  }
  return parseTwoFasServices(services, '2fas-encrypted');
}
