import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { databaseKinds } from '../../test-support/test-database.ts';
import { SecretBox, SecretBoxError } from '../crypto/secret-box.ts';
import { ensureSigningKey, loadSigningKeys, resealSigningKeys, rotateSigningKeys } from './signing-keys.ts';

describe.each(databaseKinds())('signing keys on %s', (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(kind);
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates one key on the first start only, and two starts at once still leave one signing key', async () => {
    await Promise.all([
      ensureSigningKey(t.ctx.db, t.ctx.box, t.clock.now()),
      ensureSigningKey(t.ctx.db, t.ctx.box, t.clock.now()),
    ]);
    await ensureSigningKey(t.ctx.db, t.ctx.box, t.clock.now());
    const rows = await t.ctx.db.selectFrom('oidc_signing_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.state).toBe('current');
    const [key] = await loadSigningKeys(t.ctx.db, t.ctx.box);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: rows[0]?.kid });
    expect(key).toHaveProperty('d');
    expect(JSON.parse(rows[0]?.public_jwk ?? '{}')).not.toHaveProperty('d');
  });

  it('signs with the newest key first after a rotation and keeps the one before', async () => {
    await ensureSigningKey(t.ctx.db, t.ctx.box, t.clock.now());
    const { added, kept } = await rotateSigningKeys(t.ctx.db, t.ctx.box, t.clock.now() + 1000);
    expect((await loadSigningKeys(t.ctx.db, t.ctx.box)).map((k) => k.kid)).toEqual([added, kept]);
  });

  it('opens its keys under a new master key after keys reseal, and no longer needs the old one', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    await ensureSigningKey(t.ctx.db, new SecretBox([oldKey]), t.clock.now());
    expect(await resealSigningKeys(t.ctx.db, new SecretBox([newKey, oldKey]))).toBe(1);
    expect(await loadSigningKeys(t.ctx.db, new SecretBox([newKey]))).toHaveLength(1);
    await expect(loadSigningKeys(t.ctx.db, new SecretBox([oldKey]))).rejects.toBeInstanceOf(SecretBoxError);
  });
});
