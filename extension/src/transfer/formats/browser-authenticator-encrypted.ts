import { t } from '../../i18n/t.ts';
import { CorruptFileError, WrongPasswordError } from '../errors.ts';
import { bytesToHex } from '../hex.ts';
import type { ImportResult } from '../import-result.ts';
import { openCryptoJsAes, utf8 } from '../password-crypto.ts';
import {
  browserAuthenticatorEntries,
  isPasswordEncryptedEntry,
  readBrowserAuthenticatorEntries,
} from './browser-authenticator.ts';
import { openSealedEntries } from './browser-authenticator-v3.ts';
import { EntryProblem, isRecord } from './entry-fields.ts';

/**
 * The Authenticator extension's encrypted backup: the same object as a plain one, with each
 * entry's `secret` sealed by CryptoJS `AES.encrypt(secret, passphrase)` (OpenSSL's salted
 * format) and `encrypted: true`. In the first version the passphrase is the password; in the
 * second, a `key: { enc, hash }` record holds a random key sealed with the password the same
 * way, and the passphrase is that key's bytes in hexadecimal (what CryptoJS's toString() gives).
 * The third (version 3 key records, whole entries sealed) is opened by browser-authenticator-v3.ts.
 */

/** What a secret looks like once decrypted, as the extension itself checks it. */
const PLAUSIBLE_SECRET = /^(?:[a-z2-7]+=*|[0-9a-f]+|(?:stm|blz|bliz)-[a-z2-7]+=*)$/i;

async function passphraseFor(backup: Record<string, unknown>, password: string): Promise<string> {
  const key = isRecord(backup.key) ? backup.key : typeof backup.enc === 'string' ? { enc: backup.enc } : null;
  if (key === null) return password;
  if (typeof key.enc !== 'string') throw new CorruptFileError(t('authenticatorExtensionKeyRecordDamaged'));
  const opened = await openCryptoJsAes(key.enc, password);
  if (opened === null || opened.length === 0) {
    throw new WrongPasswordError(t('wrongPasswordAuthenticatorExtension'));
  }
  const passphrase = bytesToHex(opened);
  opened.fill(0);
  return passphrase;
}

async function openSecret(sealed: string, passphrase: string): Promise<string | null> {
  const opened = await openCryptoJsAes(sealed, passphrase);
  const secret = opened === null ? null : utf8(opened)?.replace(/\s/g, '');
  opened?.fill(0);
  return secret && PLAUSIBLE_SECRET.test(secret) ? secret : null;
}

export async function parseEncryptedBrowserAuthenticator(
  backup: Record<string, unknown>,
  password: string,
): Promise<ImportResult> {
  const passphrase = await passphraseFor(backup, password);
  const secrets = new Map<Record<string, unknown>, string | null>();
  for (const { entry } of browserAuthenticatorEntries(backup)) {
    if (isPasswordEncryptedEntry(entry))
      secrets.set(entry, await openSecret(entry.secret as string, passphrase));
  }
  const sealed = await openSealedEntries(backup, password);
  // One password seals every entry: when none opens, it is the password that is wrong.
  const tried = secrets.size + sealed.tried;
  const failed = [...secrets.values()].filter((secret) => secret === null).length + sealed.failed;
  if (tried > 0 && failed === tried) {
    throw new WrongPasswordError(t('wrongPasswordAuthenticatorExtension'));
  }
  return readBrowserAuthenticatorEntries(
    backup,
    'browser-authenticator-encrypted',
    (entry) => {
      if (!secrets.has(entry)) return typeof entry.secret === 'string' ? entry.secret : '';
      const secret = secrets.get(entry);
      if (!secret) throw new EntryProblem(t('skipSecretDoesNotOpen'));
      return secret;
    },
    (entry) => sealed.opened.get(entry) ?? t('skipSealedKeyMissing'),
  );
}
