import { base32Encode, type OtpAccount } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';
import { encryptAesGcm, IV_BYTES, KEY_BYTES, TAG_BYTES } from '../crypto/aead.ts';
import { deriveKeyFromBytes } from '../crypto/kdf.ts';
import { localDate } from './file-date.ts';
import { bytesToHex } from './hex.ts';

/**
 * An Aegis vault export (docs/vault.md in the Aegis repository) of the accounts, so a user can
 * move to Aegis: `{ version: 1, header, db }` with `db` `{ version: 3, entries, groups }`. The
 * encrypted variant seals `db` with AES-256-GCM under a random master key, and the master key in
 * one password slot: AES-256-GCM under scrypt(password, salt, N=2^15, r=8, p=1), as Aegis makes it.
 */
const VAULT_VERSION = 1;
const DB_VERSION = 3;
/** Aegis' own password slot parameters. */
export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const PASSWORD_SLOT = 1;
const SALT_BYTES = 32;

export interface ExportOptions {
  now: Date;
  randomBytes(n: number): Uint8Array;
}

function uuid(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(16).slice();
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytesToHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function aegisEntry(account: OtpAccount, randomBytes: (n: number) => Uint8Array) {
  const secret = base32Encode(account.secret);
  const info =
    account.type === 'hotp'
      ? { secret, algo: account.algorithm, digits: account.digits, counter: account.counter }
      : { secret, algo: account.algorithm, digits: account.digits, period: account.period };
  return {
    type: account.type,
    uuid: uuid(randomBytes),
    name: account.account,
    issuer: account.issuer,
    note: '',
    favorite: false,
    icon: null,
    info,
    groups: [],
  };
}

function database(accounts: readonly OtpAccount[], randomBytes: (n: number) => Uint8Array) {
  return { version: DB_VERSION, entries: accounts.map((a) => aegisEntry(a, randomBytes)), groups: [] };
}

export function aegisFileName(now: Date, encrypted: boolean): string {
  return `aegis-${encrypted ? 'export' : 'export-plain'}-${localDate(now)}.json`;
}

/** The unencrypted vault: anyone who reads it can make the codes, like the otpauth text file. */
export function aegisPlainExport(
  accounts: readonly OtpAccount[],
  options: ExportOptions,
): { fileName: string; text: string } {
  const vault = {
    version: VAULT_VERSION,
    header: { slots: null, params: null },
    db: database(accounts, options.randomBytes),
  };
  return { fileName: aegisFileName(options.now, false), text: `${JSON.stringify(vault, null, 4)}\n` };
}

const split = (sealed: Uint8Array) => ({
  body: sealed.subarray(0, sealed.length - TAG_BYTES),
  tag: sealed.subarray(sealed.length - TAG_BYTES),
});

/** The password-encrypted vault, which Aegis opens with that password. */
export async function aegisEncryptedExport(
  accounts: readonly OtpAccount[],
  password: string,
  options: ExportOptions,
): Promise<{ fileName: string; text: string }> {
  if (typeof password !== 'string' || password === '')
    throw new TypeError('aegisEncryptedExport: the password must not be empty');
  const { randomBytes } = options;
  const masterKey = randomBytes(KEY_BYTES).slice();
  const salt = randomBytes(SALT_BYTES).slice();
  // Aegis derives from the UTF-8 bytes of the password as typed, without normalisation.
  const passwordBytes = new TextEncoder().encode(password);
  const slotKey = await deriveKeyFromBytes(passwordBytes, {
    algorithm: 'scrypt',
    ...AEGIS_SCRYPT,
    dkLen: 32,
    salt: base64Encode(salt),
  });
  passwordBytes.fill(0);
  const content = new TextEncoder().encode(JSON.stringify(database(accounts, randomBytes)));
  try {
    const slotNonce = randomBytes(IV_BYTES).slice();
    const wrapped = split(await encryptAesGcm(slotKey, slotNonce, masterKey, new Uint8Array(0)));
    const nonce = randomBytes(IV_BYTES).slice();
    const sealed = split(await encryptAesGcm(masterKey, nonce, content, new Uint8Array(0)));
    const vault = {
      version: VAULT_VERSION,
      header: {
        slots: [
          {
            type: PASSWORD_SLOT,
            uuid: uuid(randomBytes),
            key: bytesToHex(wrapped.body),
            key_params: { nonce: bytesToHex(slotNonce), tag: bytesToHex(wrapped.tag) },
            n: AEGIS_SCRYPT.N,
            r: AEGIS_SCRYPT.r,
            p: AEGIS_SCRYPT.p,
            salt: bytesToHex(salt),
            repaired: true,
            is_backup: false,
          },
        ],
        params: { nonce: bytesToHex(nonce), tag: bytesToHex(sealed.tag) },
      },
      db: base64Encode(sealed.body),
    };
    return { fileName: aegisFileName(options.now, true), text: `${JSON.stringify(vault, null, 4)}\n` };
  } finally {
    masterKey.fill(0);
    slotKey.fill(0);
    content.fill(0);
  }
}
