import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { type VaultAccount, withId } from '../accounts/account.ts';
import { seal } from '../crypto/aead.ts';
import { deriveKey, newKdfParams } from '../crypto/kdf.ts';
import { randomBytes } from '../platform/random.ts';
import { VaultCorruptError } from './errors.ts';
import { aad, CURRENT_VERSION, STORAGE_KEY } from './format.ts';
import { createVault, keyWithoutPassword, loadAccounts, readRecord, saveAccounts, unlock } from './vault.ts';

const secret = base32Decode('JBSWY3DPEHPK3PXP');

function account(name: string): VaultAccount {
  return withId(
    {
      type: 'totp',
      secret,
      issuer: 'Example',
      account: name,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    },
    randomBytes,
  );
}

/** A format 2 account list exactly as the previous release sealed it. */
function v2Payload(): Uint8Array {
  const stored = [
    {
      id: 'a1',
      type: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Example',
      account: 'ana',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      pinned: true,
    },
    {
      id: 'b2',
      type: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQ',
      issuer: '',
      account: 'ben',
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
      counter: 4,
      pinned: false,
    },
  ];
  return new TextEncoder().encode(JSON.stringify({ accounts: stored }));
}

async function v2Vault(password: string | null): Promise<{ area: MemoryArea; vaultKey: Uint8Array }> {
  const area = new MemoryArea();
  const vaultKey = randomBytes(32);
  const kdf = newKdfParams(randomBytes);
  const protection =
    password === null
      ? { mode: 'none', key: base64Encode(vaultKey) }
      : {
          mode: 'password',
          kdf,
          wrappedKey: await seal(await deriveKey(password, kdf), vaultKey, aad.key(2), randomBytes),
        };
  await area.set({
    [STORAGE_KEY]: {
      version: 2,
      revision: 5,
      protection,
      accounts: await seal(vaultKey, v2Payload(), aad.accounts(2), randomBytes),
    },
  });
  return { area, vaultKey };
}

describe('format 2 → 3 migration', () => {
  it('upgrades a password vault on unlock, keeping accounts, pins, ids and the password', async () => {
    const { area } = await v2Vault('pw');
    const deps = { area, randomBytes };
    expect((await unlock(deps, 'wrong')).ok).toBe(false);
    expect((await readRecord(area))?.version).toBe(2);
    const unlocked = await unlock(deps, 'pw');
    if (!unlocked.ok) throw new Error('the format 2 password must unlock');
    const record = await readRecord(area);
    expect(record?.version).toBe(CURRENT_VERSION);
    expect(record && 'revision' in record ? record.revision : -1).toBe(5);
    const snapshot = await loadAccounts(area, unlocked.key);
    expect(snapshot.lastBackupAt).toBeNull();
    expect(
      snapshot.accounts.map((a) => [
        a.id,
        a.account,
        a.type,
        a.algorithm,
        a.digits,
        a.counter,
        a.pinned,
        a.addedAt,
      ]),
    ).toEqual([
      ['a1', 'ana', 'totp', 'SHA1', 6, 0, true, 0],
      ['b2', 'ben', 'hotp', 'SHA256', 8, 4, false, 0],
    ]);
    expect((await unlock(deps, 'pw')).ok).toBe(true);
  });

  it('upgrades a vault kept without a password when it is opened', async () => {
    const { area, vaultKey } = await v2Vault(null);
    const unlocked = await unlock({ area, randomBytes }, '');
    expect(unlocked).toEqual({ ok: true, key: vaultKey });
    expect((await readRecord(area))?.version).toBe(CURRENT_VERSION);
    expect(await keyWithoutPassword(area)).toEqual(vaultKey);
    expect((await loadAccounts(area, vaultKey)).accounts.map((a) => a.account)).toEqual(['ana', 'ben']);
  });

  it('reports a damaged format 2 account list instead of upgrading it to an empty one', async () => {
    const { area } = await v2Vault('pw');
    const stored = (await area.get(STORAGE_KEY))[STORAGE_KEY] as { accounts: { ciphertext: string } };
    const bytes = Buffer.from(stored.accounts.ciphertext, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    stored.accounts.ciphertext = bytes.toString('base64');
    await area.set({ [STORAGE_KEY]: stored });
    await expect(unlock({ area, randomBytes }, 'pw')).rejects.toThrow(VaultCorruptError);
    expect((await readRecord(area))?.version).toBe(2);
  });
});

describe('added-at and last-backup times', () => {
  it('stamps new accounts with the time they were saved and keeps the stamp of existing ones', async () => {
    const area = new MemoryArea();
    let clock = 1_000;
    const deps = { area, randomBytes, now: () => clock };
    const key = await createVault(deps, null);
    const first = await saveAccounts(deps, key, [account('ana')], 0);
    clock = 2_000;
    const second = await saveAccounts(deps, key, [...first.accounts, account('ben')], first.revision);
    expect(second.accounts.map((a) => a.addedAt)).toEqual([1_000, 2_000]);
    expect((await loadAccounts(area, key)).accounts.map((a) => a.addedAt)).toEqual([1_000, 2_000]);
  });

  it('remembers the last backup time across later saves until a new backup replaces it', async () => {
    const area = new MemoryArea();
    const deps = { area, randomBytes, now: () => 1_000 };
    const key = await createVault(deps, null);
    expect((await loadAccounts(area, key)).lastBackupAt).toBeNull();
    const backedUp = await saveAccounts(deps, key, [account('ana')], 0, { lastBackupAt: 1_500 });
    const later = await saveAccounts(deps, key, [...backedUp.accounts, account('ben')], backedUp.revision);
    expect(later.lastBackupAt).toBe(1_500);
    expect((await loadAccounts(area, key)).lastBackupAt).toBe(1_500);
  });
});
