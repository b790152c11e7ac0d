import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { resealSecrets } from './crypto/reseal.ts';
import { SecretBox } from './crypto/secret-box.ts';
import { prepareRuntime } from './setup.ts';

/** Stores a sealed TOTP secret for user 1, as enrollment would. */
async function storeSecret(runtime: Awaited<ReturnType<typeof prepareRuntime>>, secret: Uint8Array) {
  const sealed = runtime.ctx.box.seal(secret, 'credential:1');
  const fields = { algorithm: 'SHA1' as const, digits: 6, period: 30, drift: 0, last_step: 0, created_at: 0 };
  await runtime.ctx.db
    .insertInto('credentials')
    .values({ user_id: 1, key_id: sealed.keyId, secret_box: sealed.box, ...fields })
    .execute();
  return sealed;
}

describe('start-up', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to start without the key that sealed stored secrets, and rotates keys by re-sealing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-setup-'));
    dirs.push(dir);
    const oldKey = randomBytes(32).toString('hex');
    const clock = { now: () => 1_000 };
    const first = await prepareRuntime(
      loadConfig({ VERIFIER_DATA_DIR: dir, VERIFIER_MASTER_KEY: oldKey }),
      clock,
    );
    await storeSecret(first, randomBytes(20));
    await first.handle.close();

    const newKey = randomBytes(32).toString('hex');
    const config = loadConfig({ VERIFIER_DATA_DIR: dir, VERIFIER_MASTER_KEY: newKey });
    await expect(prepareRuntime(config, clock)).rejects.toThrow(/which is not configured/);

    const rotated = await prepareRuntime(
      loadConfig({ VERIFIER_DATA_DIR: dir, VERIFIER_MASTER_KEY: `${newKey},${oldKey}` }),
      clock,
    );
    expect(rotated.ctx.box).toBeInstanceOf(SecretBox);
    expect(await resealSecrets(rotated.ctx.db, rotated.ctx.box)).toBe(1);
    expect(await resealSecrets(rotated.ctx.db, rotated.ctx.box)).toBe(0);
    await rotated.handle.close();

    // After re-sealing, the new key alone is enough.
    const onlyNew = await prepareRuntime(config, clock);
    const row = await onlyNew.ctx.db.selectFrom('credentials').selectAll().executeTakeFirstOrThrow();
    expect(onlyNew.ctx.box.open({ keyId: row.key_id, box: row.secret_box }, 'credential:1')).toHaveLength(20);
    await onlyNew.handle.close();
  });

  it('keeps the master key in VERIFIER_MASTER_KEY_FILE outside the data folder and opens what it sealed after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'verifier-setup-'));
    const keyDir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
    dirs.push(dataDir, keyDir);
    const keyFile = join(keyDir, 'master.key');
    const config = loadConfig({ VERIFIER_DATA_DIR: dataDir, VERIFIER_MASTER_KEY_FILE: keyFile });
    const clock = { now: () => 1_000 };
    const first = await prepareRuntime(config, clock);
    await storeSecret(first, Buffer.from('twenty bytes secret!'));
    await first.close();
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, 'master.key'))).toBe(false);

    const again = await prepareRuntime(config, clock);
    const row = await again.ctx.db.selectFrom('credentials').selectAll().executeTakeFirstOrThrow();
    expect(
      Buffer.from(again.ctx.box.open({ keyId: row.key_id, box: row.secret_box }, 'credential:1')),
    ).toEqual(Buffer.from('twenty bytes secret!'));
    await again.close();

    // Without the option the data folder's own key is made, and the stored secret is not its to open.
    const withoutFile = loadConfig({ VERIFIER_DATA_DIR: dataDir });
    await expect(prepareRuntime(withoutFile, clock)).rejects.toThrow(
      `or restore ${join(dataDir, 'master.key')}`,
    );
  });
});
