import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { type VaultAccount, withId } from '../accounts/account.ts';
import { seal } from '../crypto/aead.ts';
import { deriveKey, newKdfParams } from '../crypto/kdf.ts';
import { randomBytes } from '../platform/random.ts';
import { VaultConflictError, VaultCorruptError, VaultExistsError, VaultVersionError } from './errors.ts';
import { aad, CURRENT_VERSION, STORAGE_KEY } from './format.ts';
import {
  changePassword,
  createVault,
  keyWithoutPassword,
  loadAccounts,
  readRecord,
  saveAccounts,
  unlock,
  vaultMode,
} from './vault.ts';

const secret = base32Decode('JBSWY3DPEHPK3PXP');
const ADDED_AT = Date.UTC(2026, 10, 1);
const now = () => ADDED_AT;

function account(issuer: string, name: string): VaultAccount {
  return withId(
    { type: 'totp', secret, issuer, account: name, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    randomBytes,
  );
}

async function vaultWith(password: string | null, accounts: VaultAccount[]) {
  const area = new MemoryArea();
  const deps = { area, randomBytes, now };
  const key = await createVault(deps, password);
  await saveAccounts(deps, key, accounts, 0);
  return { area, deps, key };
}

/** A storage area whose next write fails the way a browser crash mid-write does: nothing lands. */
class CrashingArea extends MemoryArea {
  crashNextWrite = false;
  override async set(items: Record<string, unknown>): Promise<void> {
    if (this.crashNextWrite) throw new Error('browser closed during write');
    await super.set(items);
  }
}

describe('vault', () => {
  it('keeps accounts another window saves while the password is being changed', async () => {
    const { deps, key } = await vaultWith('old', [account('Example', 'ana')]);
    const before = await loadAccounts(deps.area, key);
    // The save lands while the change derives its keys (hundreds of milliseconds of scrypt).
    const change = changePassword(deps, 'old', 'new');
    const scanned = [...before.accounts, account('Scanned', 'ben')];
    const saved = await saveAccounts(deps, key, scanned, before.revision);
    expect((await change).ok).toBe(true);
    const unlocked = await unlock(deps, 'new');
    if (!unlocked.ok) throw new Error('the new password does not open the vault');
    const after = await loadAccounts(deps.area, unlocked.key);
    expect(after.accounts.map((a) => a.issuer)).toEqual(['Example', 'Scanned']);
    // The list did not change with the password, so a window holding the saved list can still save.
    await saveAccounts(deps, key, after.accounts.slice(1), saved.revision);
  });

  it('runs every change of the record inside the exclusive section it is given', async () => {
    const area = new MemoryArea();
    let inside = 0;
    const writes: boolean[] = [];
    const original = area.set.bind(area);
    area.set = async (items) => {
      writes.push(inside > 0);
      await original(items);
    };
    const exclusive = async <T>(task: () => Promise<T>) => {
      inside++;
      try {
        return await task();
      } finally {
        inside--;
      }
    };
    const deps = { area, randomBytes, now, exclusive };
    const key = await createVault(deps, 'pw');
    await saveAccounts(deps, key, [account('Example', 'ana')], 0);
    await changePassword(deps, 'pw', 'pw2');
    expect(writes).toEqual([true, true, true]);
  });

  it('gives back the same accounts after locking and unlocking with the password', async () => {
    const accounts = [account('Example', 'ana@example.com'), account('Other', 'ben')];
    const { deps } = await vaultWith('correct horse', accounts);
    const unlocked = await unlock(deps, 'correct horse');
    expect(unlocked.ok).toBe(true);
    if (!unlocked.ok) return;
    const { accounts: read } = await loadAccounts(deps.area, unlocked.key);
    expect(read).toEqual(accounts.map((a) => ({ ...a, addedAt: ADDED_AT })));
  });

  it('stores no secret, account name or key in readable form', async () => {
    const { area, key } = await vaultWith('pw', [account('Example', 'ana@example.com')]);
    const stored = JSON.stringify([...area.items]);
    expect(stored).not.toContain('ana@example.com');
    expect(stored).not.toContain('Example');
    expect(stored).not.toContain(base32Encode(secret));
    expect(stored).not.toContain(Buffer.from(key).toString('base64'));
  });

  it('says the password is wrong and changes nothing when it is', async () => {
    const { area, deps } = await vaultWith('right', [account('Example', 'ana')]);
    const before = structuredClone(area.items.get(STORAGE_KEY));
    expect(await unlock(deps, 'wrong')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(area.items.get(STORAGE_KEY)).toEqual(before);
  });

  it('reports tampered account data as damaged instead of returning an empty list', async () => {
    const { area, deps, key } = await vaultWith('pw', [account('Example', 'ana')]);
    const record = area.items.get(STORAGE_KEY) as { accounts: { ciphertext: string } };
    const bytes = Buffer.from(record.accounts.ciphertext, 'base64');
    bytes[3] = (bytes[3] ?? 0) ^ 1;
    record.accounts.ciphertext = bytes.toString('base64');
    await expect(loadAccounts(area, key)).rejects.toThrow(VaultCorruptError);
    await expect(saveAccounts(deps, key, [], 1)).rejects.toThrow(/damaged/);
  });

  it('reports a record with missing fields as damaged, with what is missing', async () => {
    const area = new MemoryArea();
    await area.set({ [STORAGE_KEY]: { version: 2, revision: 0, protection: { mode: 'password' } } });
    await expect(readRecord(area)).rejects.toThrow(
      'The stored vault is damaged (the password parameters are missing)',
    );
  });

  it('refuses a vault written by a newer version rather than misreading it', async () => {
    const area = new MemoryArea();
    await area.set({ [STORAGE_KEY]: { version: CURRENT_VERSION + 1 } });
    await expect(unlock({ area, randomBytes }, 'pw')).rejects.toThrow(VaultVersionError);
  });

  it('never replaces an existing vault on first-run setup', async () => {
    const { deps } = await vaultWith('pw', [account('Example', 'ana')]);
    await expect(createVault(deps, 'other')).rejects.toThrow(VaultExistsError);
    expect((await unlock(deps, 'pw')).ok).toBe(true);
  });

  it('keeps the previous vault readable when a save is interrupted', async () => {
    const area = new CrashingArea();
    const deps = { area, randomBytes, now };
    const key = await createVault(deps, 'pw');
    const first = [account('Example', 'ana')];
    await saveAccounts(deps, key, first, 0);
    area.crashNextWrite = true;
    await expect(saveAccounts(deps, key, [...first, account('New', 'ben')], 1)).rejects.toThrow(
      'browser closed',
    );
    area.crashNextWrite = false;
    const unlocked = await unlock(deps, 'pw');
    if (!unlocked.ok) throw new Error('the old password must still unlock');
    expect((await loadAccounts(area, unlocked.key)).accounts).toEqual(
      first.map((a) => ({ ...a, addedAt: ADDED_AT })),
    );
  });

  it('keeps the old password working when a password change is interrupted', async () => {
    const area = new CrashingArea();
    const deps = { area, randomBytes };
    await createVault(deps, 'old');
    area.crashNextWrite = true;
    await expect(changePassword(deps, 'old', 'new')).rejects.toThrow('browser closed');
    area.crashNextWrite = false;
    expect((await unlock(deps, 'old')).ok).toBe(true);
    expect((await unlock(deps, 'new')).ok).toBe(false);
  });

  it('writes every change as one complete record that unlocks on its own', async () => {
    const area = new MemoryArea();
    const writes: unknown[] = [];
    const recording = {
      get: area.get.bind(area),
      remove: area.remove.bind(area),
      set: async (items: Record<string, unknown>) => {
        writes.push(structuredClone(items));
        await area.set(items);
      },
    };
    const deps = { area: recording, randomBytes };
    const key = await createVault(deps, 'pw');
    await saveAccounts(deps, key, [account('A', 'a')], 0);
    await changePassword(deps, 'pw', 'pw2');
    expect(writes).toHaveLength(3);
    for (const write of writes) {
      expect(Object.keys(write as object)).toEqual([STORAGE_KEY]);
      const replay = new MemoryArea();
      await replay.set(write as Record<string, unknown>);
      const password = writes.indexOf(write) === 2 ? 'pw2' : 'pw';
      const unlocked = await unlock({ area: replay, randomBytes }, password);
      if (!unlocked.ok) throw new Error('every stored record must unlock');
      await loadAccounts(replay, unlocked.key);
    }
  });

  it('changes the password by re-wrapping the key, leaving the sealed accounts byte for byte', async () => {
    const { area, deps } = await vaultWith('old', [account('Example', 'ana')]);
    const before = (await readRecord(area)) as { accounts: unknown };
    expect(await changePassword(deps, 'wrong', 'new')).toEqual({ ok: false, reason: 'wrong-password' });
    expect((await changePassword(deps, 'old', 'new')).ok).toBe(true);
    const after = (await readRecord(area)) as { accounts: unknown };
    expect(after.accounts).toEqual(before.accounts);
    expect((await unlock(deps, 'old')).ok).toBe(false);
    const unlocked = await unlock(deps, 'new');
    if (!unlocked.ok) throw new Error('new password must unlock');
    expect((await loadAccounts(area, unlocked.key)).accounts[0]?.account).toBe('ana');
  });

  it('opens without a password only when the user chose no password, and can add one later', async () => {
    const { area, deps } = await vaultWith(null, [account('Example', 'ana')]);
    expect(await vaultMode(area)).toBe('none');
    const key = await keyWithoutPassword(area);
    expect(key).not.toBeNull();
    expect((await changePassword(deps, null, 'now-protected')).ok).toBe(true);
    expect(await vaultMode(area)).toBe('password');
    expect(await keyWithoutPassword(area)).toBeNull();
    expect(JSON.stringify(await readRecord(area))).not.toContain(Buffer.from(key ?? []).toString('base64'));
  });

  it('refuses to save over changes another window made since it read the vault', async () => {
    const { deps, key } = await vaultWith('pw', [account('Example', 'ana')]);
    await saveAccounts(deps, key, [], 1);
    await expect(saveAccounts(deps, key, [account('Stale', 'x')], 1)).rejects.toThrow(VaultConflictError);
  });

  it('upgrades a format 1 vault on unlock, keeping every account and the password', async () => {
    const area = new MemoryArea();
    const kdf = newKdfParams(randomBytes);
    const wrappingKey = await deriveKey('pw', kdf);
    const vaultKey = randomBytes(32);
    const entries = [
      {
        type: 'totp',
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'Example',
        label: 'ana',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        counter: 0,
      },
      {
        type: 'hotp',
        secret: 'GEZDGNBVGY3TQOJQ',
        issuer: '',
        label: 'ben',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 7,
      },
    ];
    const plain = new TextEncoder().encode(JSON.stringify({ entries }));
    await area.set({
      [STORAGE_KEY]: {
        version: 1,
        kdf,
        wrappedKey: await seal(wrappingKey, vaultKey, aad.key(1), randomBytes),
        data: await seal(vaultKey, plain, aad.accounts(1), randomBytes),
      },
    });
    const deps = { area, randomBytes };
    expect((await unlock(deps, 'wrong')).ok).toBe(false);
    expect((await readRecord(area))?.version).toBe(1);
    const unlocked = await unlock(deps, 'pw');
    if (!unlocked.ok) throw new Error('format 1 password must unlock');
    expect((await readRecord(area))?.version).toBe(CURRENT_VERSION);
    const { accounts } = await loadAccounts(area, unlocked.key);
    expect(
      accounts.map((a) => [
        a.issuer,
        a.account,
        a.type,
        a.algorithm,
        a.digits,
        a.period,
        a.counter,
        a.pinned,
      ]),
    ).toEqual([
      ['Example', 'ana', 'totp', 'SHA256', 8, 60, 0, false],
      ['', 'ben', 'hotp', 'SHA1', 6, 30, 7, false],
    ]);
    expect(base32Encode(accounts[1]?.secret ?? new Uint8Array())).toBe('GEZDGNBVGY3TQOJQ');
    expect(new Set(accounts.map((a) => a.id)).size).toBe(2);
    expect((await unlock(deps, 'pw')).ok).toBe(true);
  });

  it('raises weaker password parameters to the current ones on unlock, keeping the accounts', async () => {
    const { area, deps } = await vaultWith('pw', [account('Example', 'ana')]);
    type Stored = { accounts: unknown; protection: { kdf: { memoryKiB: number; iterations: number } } };
    const record = (await readRecord(area)) as unknown as Stored;
    // A vault at a lower Argon2id cost: re-wrap its key under the same password with that cost.
    const weakKdf = { ...newKdfParams(randomBytes), memoryKiB: 19456, iterations: 2 };
    const unlocked = await unlock(deps, 'pw');
    if (!unlocked.ok) throw new Error('must unlock');
    const wrappedKey = await seal(
      await deriveKey('pw', weakKdf),
      unlocked.key,
      aad.key(CURRENT_VERSION),
      randomBytes,
    );
    await area.set({
      [STORAGE_KEY]: { ...record, protection: { mode: 'password', kdf: weakKdf, wrappedKey } },
    });

    expect((await unlock(deps, 'wrong')).ok).toBe(false);
    expect(((await readRecord(area)) as unknown as Stored).protection.kdf.memoryKiB).toBe(19456);
    const again = await unlock(deps, 'pw');
    if (!again.ok) throw new Error('must unlock');
    const after = (await readRecord(area)) as unknown as Stored;
    expect(after.protection.kdf).toMatchObject({ memoryKiB: 65536, iterations: 3 });
    expect(after.accounts).toEqual(record.accounts);
    expect((await loadAccounts(area, again.key)).accounts[0]?.account).toBe('ana');
  });

  it('makes new vaults and new passwords at Argon2id, 64 MiB, 3 passes, 1 lane', async () => {
    const { area, deps } = await vaultWith('first password', [account('Example', 'ana')]);
    type Stored = { protection: { kdf: { salt: string } } };
    const expected = { algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1, dkLen: 32 };
    const created = (await readRecord(area)) as unknown as Stored;
    expect(created.protection.kdf).toMatchObject(expected);
    expect((await changePassword(deps, 'first password', 'second password')).ok).toBe(true);
    const changed = (await readRecord(area)) as unknown as Stored;
    expect(changed.protection.kdf).toMatchObject(expected);
    expect(changed.protection.kdf.salt).not.toBe(created.protection.kdf.salt);
  });

  it.each([2 ** 15, 2 ** 17])(
    'opens a scrypt vault of an earlier release (N=%i) and re-wraps it at Argon2id in that one write',
    async (N) => {
      const { area, deps } = await vaultWith('pw', [account('Example', 'ana')]);
      type Stored = { accounts: unknown; revision: number; protection: { kdf: Record<string, unknown> } };
      const record = (await readRecord(area)) as unknown as Stored;
      const unlocked = await unlock(deps, 'pw');
      if (!unlocked.ok) throw new Error('must unlock');
      const oldKdf = {
        algorithm: 'scrypt' as const,
        N,
        r: 8,
        p: 1,
        dkLen: 32 as const,
        salt: base64Encode(randomBytes(16)),
      };
      const wrappedKey = await seal(
        await deriveKey('pw', oldKdf),
        unlocked.key,
        aad.key(CURRENT_VERSION),
        randomBytes,
      );
      await area.set({
        [STORAGE_KEY]: { ...record, protection: { mode: 'password', kdf: oldKdf, wrappedKey } },
      });

      const writes: unknown[] = [];
      const set = area.set.bind(area);
      area.set = async (items) => {
        writes.push(items);
        await set(items);
      };
      const again = await unlock(deps, 'pw');
      if (!again.ok) throw new Error('the old vault must open');
      expect(writes).toHaveLength(1);
      const after = (await readRecord(area)) as unknown as Stored;
      expect(after.protection.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3 });
      expect(after.accounts).toEqual(record.accounts);
      expect(after.revision).toBe(record.revision);

      // The re-wrapped record opens with the same password, from a fresh start, without another write.
      const fresh = await unlock({ area, randomBytes }, 'pw');
      if (!fresh.ok) throw new Error('the re-wrapped vault must open');
      expect(writes).toHaveLength(1);
      expect((await loadAccounts(area, fresh.key)).accounts.map((a) => a.account)).toEqual(['ana']);
    },
  );
});
