import { argon2id } from 'hash-wasm';
import { base64Encode } from '../../../../shared/internal/base64.ts';
import { t } from '../../i18n/t.ts';
import { openCryptoJsAes, utf8 } from '../password-crypto.ts';
import { browserAuthenticatorEntries, isSealedEntry, sealedEntryKey } from './browser-authenticator.ts';
import { isRecord } from './entry-fields.ts';

/**
 * The Authenticator extension's newest key format (version 3). A record `{ dataType: "Key", id,
 * salt, hash, version: 3 }` stands for a key: the hash part of the encoded Argon2id (2 passes,
 * 19 MiB, one lane, 32 bytes) of the password with the record's salt string, that is the raw hash
 * in base64 without padding. Each entry `{ dataType: "EncOTPStorage", keyId, index, data }` holds
 * its fields as JSON in `data`, sealed by CryptoJS `AES.encrypt(json, that key string)`. The
 * record's `hash` (an Argon2id of the key, with costs the file chooses) is not needed: a wrong
 * password opens no entry, and its costs are left untrusted.
 */

const ARGON2ID = { iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32 } as const;
/** A backup has one key; a few more are tolerated, not a file that makes the page derive without end. */
const MAX_KEYS = 4;
const MIN_SALT_BYTES = 8; // Argon2 (RFC 9106 §3.1)

/** What opening gives for each sealed entry: its fields, or why they could not be read. */
export type OpenedEntries = Map<Record<string, unknown>, Record<string, unknown> | string>;

async function keyString(password: string, salt: Uint8Array): Promise<string> {
  const raw = await argon2id({ password, salt, ...ARGON2ID, outputType: 'binary' });
  const key = base64Encode(raw).replace(/=+$/, '');
  raw.fill(0);
  return key;
}

async function openEntry(
  entry: Record<string, unknown>,
  key: string,
): Promise<Record<string, unknown> | null> {
  if (typeof entry.data !== 'string') return null;
  const opened = await openCryptoJsAes(entry.data, key);
  const json = opened === null ? null : utf8(opened);
  opened?.fill(0);
  try {
    const fields: unknown = json === null ? null : JSON.parse(json);
    return isRecord(fields) ? { ...fields, dataType: 'OTPStorage', index: entry.index } : null;
  } catch {
    return null;
  }
}

/** Opens every sealed entry whose key record is in the file; `tried` counts those a password was tried on. */
export async function openSealedEntries(
  backup: Record<string, unknown>,
  password: string,
): Promise<{ opened: OpenedEntries; tried: number; failed: number }> {
  const keys = new Map<Record<string, unknown>, string | null>();
  const opened: OpenedEntries = new Map();
  let tried = 0;
  let failed = 0;
  for (const { entry } of browserAuthenticatorEntries(backup)) {
    if (!isSealedEntry(entry)) continue;
    const record = sealedEntryKey(backup, entry);
    if (record === undefined) continue;
    if (!keys.has(record)) {
      const salt =
        typeof record.salt === 'string' ? new TextEncoder().encode(record.salt) : new Uint8Array(0);
      const usable = salt.length >= MIN_SALT_BYTES && keys.size < MAX_KEYS && password !== '';
      keys.set(record, usable ? await keyString(password, salt) : null);
    }
    const key = keys.get(record);
    if (key === null || key === undefined) {
      opened.set(entry, t('skipSealedKeyRecordDamaged'));
      continue;
    }
    tried++;
    const fields = await openEntry(entry, key);
    if (fields === null) failed++;
    opened.set(entry, fields ?? t('skipSealedDoesNotOpen'));
  }
  return { opened, tried, failed };
}
