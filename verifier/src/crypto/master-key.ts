import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config.ts';

/** Accepts 64 hex characters or base64 of 32 bytes. */
export function parseMasterKey(text: string, origin: string): Uint8Array {
  const value = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length !== 32) {
    throw new ConfigError(`${origin} must hold a 32-byte key as 64 hex characters or base64.`);
  }
  return new Uint8Array(bytes);
}

/**
 * Master keys from VERIFIER_MASTER_KEY (comma-separated, first one current), else from the key file
 * (one key a line, first one current), created with mode 0600 on first start.
 */
export function loadMasterKeys(fromEnv: string | undefined, file: string): Uint8Array[] {
  if (fromEnv) {
    return fromEnv.split(',').map((part, i) => parseMasterKey(part, `VERIFIER_MASTER_KEY entry ${i + 1}`));
  }
  if (!existsSync(file)) {
    // Only a folder made here is set to 0700; an existing one (/etc/verifier, a secrets mount) is the admin's.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError(`${file} must be readable by its owner only (chmod 600 ${file}).`);
  }
  const keys = readFileSync(file, 'utf8')
    .split(/[\n,]/)
    .filter((line) => line.trim() !== '')
    .map((line, i) => parseMasterKey(line, `${file} line ${i + 1}`));
  if (keys.length === 0) {
    throw new ConfigError(
      `${file} holds no key; write one 32-byte key as 64 hex characters (openssl rand -hex 32).`,
    );
  }
  return keys;
}
