import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import type { AppAccount } from './independent-codes.ts';

/**
 * Aegis vaults as Aegis writes them (from its docs/vault.md), sealed with Node's own crypto so
 * the product's code does not make what it reads. scrypt is kept cheap (N = 1024): the vault
 * stores its parameters, so the reader follows them.
 */

const SCRYPT = { N: 1024, r: 8, p: 1 } as const;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** One entry of the vault's `db.entries`. */
export function aegisEntry(app: AppAccount, index: number): Record<string, unknown> {
  return {
    type: app.type,
    uuid: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    name: app.account,
    issuer: app.issuer,
    note: '',
    favorite: false,
    icon: null,
    info: {
      secret: app.secret,
      algo: app.algorithm ?? 'SHA1',
      digits: app.digits ?? (app.type === 'steam' ? 5 : 6),
      ...(app.type === 'hotp' ? { counter: app.counter ?? 0 } : { period: app.period ?? 30 }),
    },
  };
}

/** The vault's content, the `db` of a plain vault. */
export const aegisContent = (entries: unknown[]) => ({ version: 2, entries });

export const aegisPlainVault = (entries: unknown[]) => ({
  version: 1,
  header: { slots: null, params: null },
  db: aegisContent(entries),
});

function seal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): { body: Buffer; tag: Buffer } {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { body, tag: cipher.getAuthTag() };
}

/**
 * An encrypted vault: the content under a random master key (AES-256-GCM), and the master key
 * sealed once per password in a type 1 slot (scrypt, then AES-256-GCM).
 */
export async function encryptedVault(
  content: unknown,
  passwords: string[],
  options: { extraSlots?: unknown[] } = {},
) {
  const masterKey = randomBytes(32);
  const slots: unknown[] = [...(options.extraSlots ?? [])];
  for (const password of passwords) {
    const salt = randomBytes(32);
    const slotKey = scryptSync(Buffer.from(password, 'utf8'), salt, 32, SCRYPT);
    const nonce = randomBytes(12);
    const sealed = seal(slotKey, nonce, masterKey);
    slots.push({
      type: 1,
      uuid: '21234567-89ab-cdef-0123-456789abcdef',
      key: hex(sealed.body),
      key_params: { nonce: hex(nonce), tag: hex(sealed.tag) },
      n: SCRYPT.N,
      r: SCRYPT.r,
      p: SCRYPT.p,
      salt: hex(salt),
      repaired: true,
    });
  }
  const nonce = randomBytes(12);
  const sealed = seal(masterKey, nonce, Buffer.from(JSON.stringify(content), 'utf8'));
  return {
    version: 1,
    header: { slots, params: { nonce: hex(nonce), tag: hex(sealed.tag) } },
    db: sealed.body.toString('base64'),
  };
}
