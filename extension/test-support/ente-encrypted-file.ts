import { randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import sodium from 'libsodium-wrappers';
import { otpauthUri } from './foreign-files.ts';
import type { AppAccount } from './independent-codes.ts';

/**
 * Ente Auth's encrypted export as its export screen writes it (from Ente's published format):
 * the plain-text export sealed as one FINAL chunk of libsodium's XChaCha20-Poly1305 secret
 * stream, whose header is `encryptionNonce`, under libsodium's `crypto_pwhash` (Argon2id v1.3,
 * one lane, memLimit bytes, opsLimit passes) of the password's UTF-8 bytes and a 16-byte salt.
 * The key comes from the native @node-rs/argon2, not from what the product uses.
 */

/** What Ente uses on a device that can spare 1 GiB: libsodium's SENSITIVE limits. */
export const ENTE_SENSITIVE = { memLimit: 1024 * 1024 * 1024, opsLimit: 4 } as const;
/** Small limits for tests that read many files: the format is the same. */
export const ENTE_SMALL = { memLimit: 8 * 1024 * 1024, opsLimit: 1 } as const;

export interface EnteLimits {
  memLimit: number;
  opsLimit: number;
}

/** libsodium's crypto_pwhash with ALG_ARGON2ID13, as Ente calls it. */
export async function enteKey(password: string, salt: Uint8Array, limits: EnteLimits): Promise<Uint8Array> {
  const key = await hashRaw(Buffer.from(password, 'utf8'), {
    algorithm: 2, // Algorithm.Argon2id (a const enum the type-checker will not import)
    version: 1, // Version.V0x13
    salt: Buffer.from(salt),
    memoryCost: Math.floor(limits.memLimit / 1024),
    timeCost: limits.opsLimit,
    parallelism: 1,
    outputLen: 32,
  });
  return new Uint8Array(key);
}

/** The export file for `plainText` sealed under `key` as one chunk with `tag` (Ente: FINAL). */
export async function enteFile(
  key: Uint8Array,
  salt: Uint8Array,
  limits: EnteLimits,
  plainText: string | Uint8Array,
  tag?: number,
): Promise<Record<string, unknown>> {
  await sodium.ready;
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const message = typeof plainText === 'string' ? new TextEncoder().encode(plainText) : plainText;
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    message,
    null,
    tag ?? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  return {
    version: 1,
    kdfParams: {
      memLimit: limits.memLimit,
      opsLimit: limits.opsLimit,
      salt: Buffer.from(salt).toString('base64'),
    },
    encryptedData: Buffer.from(sealed).toString('base64'),
    encryptionNonce: Buffer.from(header).toString('base64'),
  };
}

export async function enteEncrypted(
  password: string,
  plainText: string | Uint8Array,
  limits: EnteLimits = ENTE_SMALL,
): Promise<Record<string, unknown>> {
  const salt = new Uint8Array(randomBytes(16));
  return enteFile(await enteKey(password, salt, limits), salt, limits, plainText);
}

/** Ente's plain-text export: one otpauth URI (its code's raw data) and a newline per account. */
export const entePlainText = (uris: readonly string[]): string => uris.map((uri) => `${uri}\n`).join('');

/** Ente adds its display settings to each URI as a JSON codeDisplay parameter. */
const CODE_DISPLAY = encodeURIComponent(JSON.stringify({ pinned: false, trashed: false, tags: ['work'] }));

/** One line of Ente's plain-text export for `app`. */
export const enteUri = (app: AppAccount): string => `${otpauthUri(app)}&codeDisplay=${CODE_DISPLAY}`;
