import { createHash, generateKeyPairSync } from 'node:crypto';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Db } from '../db/schema.ts';

/**
 * The provider's signing keys, RS256 (the algorithm every OpenID Connect client must accept). The
 * private JWK is sealed with the master key like TOTP secrets; the public one is kept beside it.
 * One key signs ('current'); after a rotation the one before stays published ('previous') so the
 * tokens it signed still verify, and the next rotation retires it.
 */
type JsonWebKey = import('node:crypto').webcrypto.JsonWebKey;

export interface SigningJwk extends JsonWebKey {
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

const contextOf = (kid: string) => `oidc-signing-key:${kid}`;

/** RFC 7638 thumbprint of an RSA public key: the SHA-256 of its required members in order. */
function thumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

function newKey(): { kid: string; privateJwk: SigningJwk; publicJwk: SigningJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pub = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(pub);
  const extra = { kid, alg: 'RS256', use: 'sig' } as const;
  return {
    kid,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...extra },
    publicJwk: { ...pub, ...extra },
  };
}

async function insertCurrent(db: Db, box: SecretBox, now: number): Promise<string> {
  const { kid, privateJwk, publicJwk } = newKey();
  const sealed = box.seal(new TextEncoder().encode(JSON.stringify(privateJwk)), contextOf(kid));
  await db
    .insertInto('oidc_signing_keys')
    .values({
      kid,
      alg: 'RS256',
      state: 'current',
      public_jwk: JSON.stringify(publicJwk),
      key_id: sealed.keyId,
      secret_box: sealed.box,
      created_at: now,
    })
    .execute();
  return kid;
}

/**
 * The first start creates a key. Two processes starting together on an empty database race; the unique
 * index on the current key lets one win, and the other uses the winner's.
 */
export async function ensureSigningKey(db: Db, box: SecretBox, now: number): Promise<void> {
  const current = await db
    .selectFrom('oidc_signing_keys')
    .select('kid')
    .where('state', '=', 'current')
    .executeTakeFirst();
  if (current) return;
  try {
    await insertCurrent(db, box, now);
  } catch (error) {
    const winner = await db
      .selectFrom('oidc_signing_keys')
      .select('kid')
      .where('state', '=', 'current')
      .executeTakeFirst();
    if (!winner) throw error;
  }
}

/** The private keys, the signing one first (the provider signs with the first key of an algorithm). */
export async function loadSigningKeys(db: Db, box: SecretBox): Promise<SigningJwk[]> {
  const rows = await db.selectFrom('oidc_signing_keys').selectAll().orderBy('created_at', 'desc').execute();
  const sorted = [...rows.filter((r) => r.state === 'current'), ...rows.filter((r) => r.state !== 'current')];
  return sorted.map((row) => {
    const plain = box.open({ keyId: row.key_id, box: row.secret_box }, contextOf(row.kid));
    const jwk = JSON.parse(new TextDecoder().decode(plain)) as SigningJwk;
    plain.fill(0);
    return jwk;
  });
}

export interface KeyRotation {
  added: string;
  kept: string | undefined;
  retired: string[];
}

/**
 * A new signing key; the one that signed until now stays published, and the one kept from the rotation
 * before is retired. One transaction, so a failure changes nothing.
 */
export async function rotateSigningKeys(db: Db, box: SecretBox, now: number): Promise<KeyRotation> {
  return db.transaction().execute(async (trx) => {
    const retired = await trx
      .deleteFrom('oidc_signing_keys')
      .where('state', '=', 'previous')
      .returning('kid')
      .execute();
    const kept = await trx
      .updateTable('oidc_signing_keys')
      .set({ state: 'previous' })
      .where('state', '=', 'current')
      .returning('kid')
      .executeTakeFirst();
    const added = await insertCurrent(trx, box, now);
    return { added, kept: kept?.kid, retired: retired.map((r) => r.kid) };
  });
}

export interface SigningKeyView {
  kid: string;
  alg: string;
  state: 'current' | 'previous';
  createdAt: string;
}

export async function listSigningKeys(db: Db): Promise<SigningKeyView[]> {
  const rows = await db
    .selectFrom('oidc_signing_keys')
    .select(['kid', 'alg', 'state', 'created_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    state: r.state,
    createdAt: new Date(Number(r.created_at)).toISOString(),
  }));
}

/**
 * Master key rotation (`keys reseal`): every private signing key not under the current master key is
 * sealed again under it; a row is replaced only if unchanged meanwhile. Returns how many were re-sealed.
 */
export async function resealSigningKeys(db: Db, box: SecretBox): Promise<number> {
  const rows = await db
    .selectFrom('oidc_signing_keys')
    .select(['kid', 'key_id', 'secret_box'])
    .where('key_id', '!=', box.currentKeyId)
    .execute();
  let count = 0;
  for (const row of rows) {
    const plain = box.open({ keyId: row.key_id, box: row.secret_box }, contextOf(row.kid));
    const sealed = box.seal(plain, contextOf(row.kid));
    plain.fill(0);
    const result = await db
      .updateTable('oidc_signing_keys')
      .set({ key_id: sealed.keyId, secret_box: sealed.box })
      .where('kid', '=', row.kid)
      .where('secret_box', '=', row.secret_box)
      .executeTakeFirst();
    count += Number(result.numUpdatedRows);
  }
  return count;
}
