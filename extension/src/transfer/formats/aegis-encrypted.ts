import { Base64Error, base64Decode, base64Encode } from '../../../../shared/internal/base64.ts';
import { DecryptionError, decryptAesGcm } from '../../crypto/aead.ts';
import { deriveKeyFromBytes, type KdfParams, KdfParamsError } from '../../crypto/kdf.ts';
import { t } from '../../i18n/t.ts';
import { CorruptFileError, UnsupportedFileError, WrongPasswordError } from '../errors.ts';
import { hexToBytes } from '../hex.ts';
import type { ImportResult } from '../import-result.ts';
import { type AegisDocument, checkAegisVersion, parseAegisDatabase } from './aegis.ts';
import { isRecord } from './entry-fields.ts';

/**
 * Encrypted Aegis export (docs/vault.md, "Slots"): a random 256-bit master key encrypts `db`
 * with AES-256-GCM (nonce and tag in `header.params`, hex). Each password slot (type 1) holds
 * the master key encrypted with AES-256-GCM under scrypt(password, salt, n, r, p); the slot's
 * nonce and tag are in `key_params`. Neither step uses associated data.
 */

const PASSWORD_SLOT = 1;
/** Each password slot costs one scrypt run; more than this is not a file Aegis writes. */
const MAX_PASSWORD_SLOTS = 8;
const EMPTY = new Uint8Array(0);

/** `damaged`: what to say when the field is missing or not hex of the expected length. */
function hexField(value: unknown, damaged: string, length?: number): Uint8Array {
  const bytes = typeof value === 'string' ? hexToBytes(value) : null;
  if (bytes === null || (length !== undefined && bytes.length !== length)) {
    throw new CorruptFileError(damaged);
  }
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function unwrapMasterKey(
  slot: Record<string, unknown>,
  password: Uint8Array,
): Promise<Uint8Array | null> {
  const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
  const slotDamaged = t('aegisSlotDamaged');
  const params: KdfParams = {
    algorithm: 'scrypt',
    N: slot.n as number,
    r: slot.r as number,
    p: slot.p as number,
    dkLen: 32,
    salt: base64Encode(hexField(slot.salt, slotDamaged)),
  };
  const nonce = hexField(keyParams.nonce, slotDamaged, 12);
  const wrapped = concat(hexField(slot.key, slotDamaged, 32), hexField(keyParams.tag, slotDamaged, 16));
  let slotKey: Uint8Array;
  try {
    slotKey = await deriveKeyFromBytes(password, params);
  } catch (error) {
    if (error instanceof KdfParamsError) throw new CorruptFileError(`The Aegis export's ${error.message}.`);
    throw error;
  }
  try {
    return await decryptAesGcm(slotKey, nonce, wrapped, EMPTY);
  } catch (error) {
    if (error instanceof DecryptionError) return null;
    throw error;
  } finally {
    slotKey.fill(0);
  }
}

/** Decrypts the `db` of an encrypted export and returns it as parsed JSON. */
export async function decryptAegis(document: AegisDocument, password: string): Promise<unknown> {
  checkAegisVersion(document);
  const { slots, params } = document.header;
  if (!Array.isArray(slots) || !isRecord(params) || typeof document.db !== 'string') {
    throw new CorruptFileError(t('aegisNoHeader'));
  }
  const passwordSlots = slots.filter(
    (slot): slot is Record<string, unknown> => isRecord(slot) && slot.type === PASSWORD_SLOT,
  );
  if (passwordSlots.length === 0) {
    throw new UnsupportedFileError(t('aegisBiometricsOnly'));
  }
  if (passwordSlots.length > MAX_PASSWORD_SLOTS) throw new CorruptFileError(t('aegisTooManySlots'));
  const nonce = hexField(params.nonce, t('aegisContentDamaged'), 12);
  const tag = hexField(params.tag, t('aegisContentDamaged'), 16);
  let ciphertext: Uint8Array;
  try {
    ciphertext = base64Decode(document.db);
  } catch (error) {
    if (error instanceof Base64Error) throw new CorruptFileError(t('aegisContentDamaged'));
    throw error;
  }

  // Aegis derives from the UTF-8 bytes of the password as typed, without normalisation.
  const passwordBytes = new TextEncoder().encode(password);
  let masterKey: Uint8Array | null = null;
  try {
    for (const slot of passwordSlots) {
      masterKey = await unwrapMasterKey(slot, passwordBytes);
      if (masterKey) break;
    }
  } finally {
    passwordBytes.fill(0);
  }
  if (!masterKey) throw new WrongPasswordError(t('wrongPasswordAegis'));

  let plaintext: Uint8Array;
  try {
    plaintext = await decryptAesGcm(masterKey, nonce, concat(ciphertext, tag), EMPTY);
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new CorruptFileError(t('aegisDamagedAltered'));
    }
    throw error;
  } finally {
    masterKey.fill(0);
  }
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
  } catch {
    throw new CorruptFileError(t('aegisDecryptedNotJson'));
  } finally {
    plaintext.fill(0);
  }
}

export async function parseEncryptedAegis(document: AegisDocument, password: string): Promise<ImportResult> {
  return parseAegisDatabase(await decryptAegis(document, password), 'aegis-encrypted');
}
