import { createCipheriv, createHash, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { type AppAccount, javaBytes } from './independent-codes.ts';

/**
 * Other apps' export files, built the way each app writes them (from their published formats),
 * with Node's own crypto, so the product's code does not make what it reads.
 */

export function twoFasService(app: AppAccount): Record<string, unknown> {
  return {
    name: app.issuer,
    secret: app.secret,
    updatedAt: 1_700_000_000_000,
    otp: {
      label: `${app.issuer}:${app.account}`,
      account: app.account,
      issuer: app.issuer,
      digits: app.digits ?? (app.type === 'steam' ? 5 : 6),
      period: app.period ?? 30,
      algorithm: app.algorithm ?? 'SHA1',
      tokenType: app.type.toUpperCase(),
      counter: app.counter ?? 0,
      source: 'Manual',
    },
    order: { position: 0 },
    icon: { selected: 'Label', label: { text: 'EX', backgroundColor: 'Orange' } },
  };
}

/** A 2FAS backup without a password. */
export function twoFasBackup(services: unknown[]): Record<string, unknown> {
  return {
    services,
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: 4,
    appVersionCode: 5_000_000,
    appVersionName: '5.0.0',
    appOrigin: 'android',
  };
}

/** 2FAS: PBKDF2-HMAC-SHA256 (10,000), AES-256-GCM; "base64(ciphertext+tag):base64(salt):base64(iv)". */
export function twoFasEncrypted(password: string, services: unknown[]): Record<string, unknown> {
  const salt = randomBytes(256);
  const key = pbkdf2Sync(password, salt, 10_000, 32, 'sha256');
  const seal = (text: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${sealed.toString('base64')}:${salt.toString('base64')}:${iv.toString('base64')}`;
  };
  return {
    services: [],
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: 4,
    appVersionCode: 5_000_000,
    appVersionName: '5.0.0',
    appOrigin: 'android',
    servicesEncrypted: seal(JSON.stringify(services)),
    reference: seal('a fixed text 2FAS seals to check the password'),
  };
}

export function andOtpEntry(app: AppAccount): Record<string, unknown> {
  return {
    secret: app.secret,
    issuer: app.issuer,
    label: app.account,
    digits: app.digits ?? (app.type === 'steam' ? 5 : 6),
    type: app.type.toUpperCase(),
    algorithm: app.algorithm ?? 'SHA1',
    thumbnail: 'Default',
    last_used: 1_700_000_000_000,
    used_frequency: 0,
    ...(app.type === 'hotp' ? { counter: app.counter ?? 0 } : { period: app.period ?? 30 }),
    tags: [],
  };
}

/** andOTP .json.aes: iterations (4 bytes, big-endian), salt (12), nonce (12), AES-256-GCM + tag; PBKDF2-HMAC-SHA1. */
export function andOtpEncrypted(password: string, entries: unknown[], iterations = 1_000): Uint8Array {
  const salt = randomBytes(12);
  const nonce = randomBytes(12);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(iterations);
  const body = Buffer.concat([
    cipher.update(JSON.stringify(entries), 'utf8'),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return new Uint8Array(Buffer.concat([header, salt, nonce, body]));
}

export function freeOtpToken(app: AppAccount): Record<string, unknown> {
  return {
    algo: app.algorithm ?? 'SHA1',
    counter: app.counter ?? 0,
    digits: app.digits ?? 6,
    issuerExt: app.issuer,
    issuerInt: app.issuer,
    label: app.account,
    period: app.period ?? 30,
    secret: javaBytes(app.secret),
    type: app.type.toUpperCase(),
  };
}

/** Stratum's unencrypted backup around its authenticators. */
export function stratumBackup(authenticators: unknown[]): Record<string, unknown> {
  return { Authenticators: authenticators, Categories: [], AuthenticatorCategories: [], CustomIcons: [] };
}

export function stratumAuthenticator(app: AppAccount): Record<string, unknown> {
  return {
    Type: { hotp: 1, totp: 2, steam: 4 }[app.type],
    Icon: 'default',
    Issuer: app.issuer,
    Username: app.account,
    Secret: app.secret,
    Pin: null,
    Algorithm: { SHA1: 0, SHA256: 1, SHA512: 2 }[app.algorithm ?? 'SHA1'],
    Digits: app.digits ?? (app.type === 'steam' ? 5 : 6),
    Period: app.period ?? 30,
    Counter: app.counter ?? 0,
    Ranking: 0,
    CopyCount: 0,
  };
}

/** A Proton Authenticator export entry: TOTP as an otpauth:// URI, Steam as steam:// (it holds no HOTP). */
export function protonEntry(app: AppAccount, index: number) {
  const steam = app.type === 'steam';
  return {
    id: `0f1e2d3c-${index}`,
    content: {
      uri: steam ? `steam://${app.secret}` : otpauthUri(app),
      entry_type: steam ? 'Steam' : 'Totp',
      name: app.account,
    },
    note: index === 0 ? 'a note' : null,
  };
}

/** The otpauth:// URI other apps write for `app` (Steam as otpauth://steam/, as Aegis and Ente do). */
export function otpauthUri(app: AppAccount): string {
  const label = `${encodeURIComponent(app.issuer)}:${encodeURIComponent(app.account)}`;
  const query = new URLSearchParams({ secret: app.secret, issuer: app.issuer });
  if (app.algorithm) query.set('algorithm', app.algorithm);
  if (app.digits) query.set('digits', String(app.digits));
  if (app.type === 'totp' && app.period) query.set('period', String(app.period));
  if (app.type === 'hotp') query.set('counter', String(app.counter ?? 0));
  return `otpauth://${app.type}/${label}?${query.toString().replaceAll('+', '%20')}`;
}

/**
 * CryptoJS `AES.encrypt(text, passphrase).toString()`: base64 of "Salted__", 8 salt bytes and
 * AES-256-CBC, key and IV from OpenSSL's EVP_BytesToKey with MD5, one round.
 */
export function cryptoJsEncrypt(message: string | Buffer, passphrase: string): string {
  const salt = randomBytes(8);
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5')
      .update(Buffer.concat([block, Buffer.from(passphrase, 'utf8'), salt]))
      .digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
  const body = Buffer.concat([
    cipher.update(typeof message === 'string' ? Buffer.from(message, 'utf8') : message),
    cipher.final(),
  ]);
  return Buffer.concat([Buffer.from('Salted__'), salt, body]).toString('base64');
}

/** An Authenticator extension entry as its backup holds it. */
export function browserAuthenticatorEntry(app: AppAccount, index: number): Record<string, unknown> {
  return {
    account: app.account,
    encrypted: false,
    hash: `entry-${index}`,
    index,
    issuer: app.issuer,
    secret: app.secret,
    type: app.type,
    ...(app.digits ? { digits: app.digits } : {}),
    ...(app.period ? { period: app.period } : {}),
    ...(app.algorithm ? { algorithm: app.algorithm } : {}),
    ...(app.type === 'hotp' ? { counter: app.counter ?? 0 } : {}),
    pinned: false,
  };
}

/** The entries for `apps`, then `extra` ones (entries the product cannot use) at the next places. */
function browserAuthenticatorEntries(
  apps: AppAccount[],
  extra: Record<string, unknown>[],
): Record<string, unknown>[] {
  const entries = apps.map(browserAuthenticatorEntry);
  return [
    ...entries,
    ...extra.map((entry, i) => ({
      ...entry,
      index: entries.length + i,
      hash: `entry-${entries.length + i}`,
    })),
  ];
}

/**
 * The extension's encrypted backup. Version 2 (with `keyHex`): a random key sealed under the
 * password in `key.enc`, secrets sealed under that key's hex; version 1: secrets under the password.
 */
export function browserAuthenticatorEncrypted(
  apps: AppAccount[],
  password: string,
  version: 1 | 2,
  extraEntries: Record<string, unknown>[] = [],
): Record<string, unknown> {
  const keyBytes = randomBytes(32);
  const passphrase = version === 2 ? keyBytes.toString('hex') : password;
  const backup: Record<string, unknown> = {};
  browserAuthenticatorEntries(apps, extraEntries).forEach((entry, index) => {
    const secret = cryptoJsEncrypt(String(entry.secret), passphrase);
    backup[`entry-${index}`] = { ...entry, encrypted: true, secret };
  });
  if (version === 2) {
    // CryptoJS seals the key's bytes: a WordArray, given to AES.encrypt as the message.
    backup.key = {
      enc: cryptoJsEncrypt(keyBytes, password),
      hash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    };
  }
  return backup;
}

/**
 * The extension's newest encrypted backup (key version 3): a `{ dataType: "Key", id, salt, hash,
 * version: 3 }` record, and each entry as `{ dataType: "EncOTPStorage", keyId, index, data }`
 * where `data` is CryptoJS `AES.encrypt(JSON of the plain entry, passphrase)`. The passphrase is
 * the hash part of the encoded Argon2id (2 passes, 19 MiB, one lane, 32 bytes) of the password
 * with the record's salt string; `hash` is an encoded Argon2id of that passphrase, for checking.
 */
export async function browserAuthenticatorV3(
  apps: AppAccount[],
  password: string,
  extraEntries: Record<string, unknown>[] = [],
): Promise<Record<string, unknown>> {
  const { hash } = await import('@node-rs/argon2');
  const options = {
    algorithm: 2,
    timeCost: 2,
    memoryCost: 19 * 1024,
    parallelism: 1,
    outputLen: 32,
  } as const;
  const id = randomUUID();
  const salt = randomBytes(16).toString('hex');
  const encoded = await hash(password, { ...options, salt: Buffer.from(salt, 'utf8') });
  const passphrase = encoded.split('$')[5] as string;
  const backup: Record<string, unknown> = {
    [id]: { dataType: 'Key', id, salt, hash: await hash(passphrase, options), version: 3 },
  };
  browserAuthenticatorEntries(apps, extraEntries).forEach((plain, index) => {
    const entry = { ...plain, dataType: 'OTPStorage' };
    backup[`entry-${index}`] = {
      dataType: 'EncOTPStorage',
      keyId: id,
      index,
      data: cryptoJsEncrypt(JSON.stringify(entry), passphrase),
    };
  });
  return backup;
}
