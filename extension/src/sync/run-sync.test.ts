import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../../shared/index.ts';
import { MemoryArea } from '../../test-support/memory-area.ts';
import { MemorySyncArea } from '../../test-support/memory-sync-area.ts';
import { type VaultAccount, withId } from '../accounts/account.ts';
import { randomBytes } from '../platform/random.ts';
import { createVault, loadAccounts, saveAccounts } from '../vault/vault.ts';
import { chunkKey, MANIFEST_KEY } from './chunks.ts';
import { joinSyncedVault, syncedVaultWaiting } from './join.ts';
import { type SyncDeps, syncOnce } from './run-sync.ts';
import { describeSyncStatus, loadSyncSettings, storeSyncSettings } from './sync-settings.ts';

const PASSWORD = 'correct horse battery';
let clock = Date.UTC(2026, 11, 1);
const now = () => (clock += 1000);

function account(issuer: string, name: string): VaultAccount {
  const secret = base32Decode('JBSWY3DPEHPK3PXP');
  return withId(
    { type: 'totp', secret, issuer, account: name, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    randomBytes,
  );
}

/** One computer: its own storage.local, the shared sync area. */
function computer(sync: MemorySyncArea): SyncDeps & { local: MemoryArea } {
  return { local: new MemoryArea('local'), sync, randomBytes, now };
}

async function turnOn(deps: SyncDeps) {
  const settings = await loadSyncSettings(deps.local, randomBytes);
  await storeSyncSettings(deps.local, { ...settings, enabled: true });
}

async function names(deps: SyncDeps, key: Uint8Array) {
  return (await loadAccounts(deps.local, key)).accounts.map((a) => a.account).sort();
}

async function edit(deps: SyncDeps, key: Uint8Array, change: (list: VaultAccount[]) => VaultAccount[]) {
  const snapshot = await loadAccounts(deps.local, key);
  await saveAccounts({ area: deps.local, ...deps }, key, change(snapshot.accounts), snapshot.revision);
}

/** The first computer with a password vault, two accounts and sync on, already exchanged once. */
async function firstComputer(sync = new MemorySyncArea()) {
  const a = computer(sync);
  const key = await createVault({ area: a.local, randomBytes }, PASSWORD);
  await edit(a, key, () => [account('Example', 'alice@example.com'), account('Mail', 'alice@mail.test')]);
  await turnOn(a);
  expect(await syncOnce(a, key)).toMatchObject({ kind: 'synced' });
  return { a, key, sync };
}

describe('sync through storage.sync', () => {
  it('stores only ciphertext with the password parameters, and a second computer gets the accounts back with the password', async () => {
    const { a, key, sync } = await firstComputer();
    const stored = JSON.stringify(Object.fromEntries(sync.items));
    expect(stored).not.toContain('alice');
    expect(stored).not.toContain('JBSWY3DPEHPK3PXP');
    expect(sync.items.get(MANIFEST_KEY)).toMatchObject({
      protection: { mode: 'password', kdf: { algorithm: 'argon2id' } },
    });

    const b = computer(sync);
    expect(await syncedVaultWaiting(b)).toBe(true);
    expect(await joinSyncedVault(b, 'not the password')).toEqual({ ok: false, reason: 'wrong-password' });
    expect(b.local.items.size).toBe(0);
    const joined = await joinSyncedVault(b, PASSWORD);
    if (!joined.ok) throw new Error('the password did not open the synced vault');
    expect(await names(b, joined.key)).toEqual(await names(a, key));
  });

  it('merges edits made on both computers at once and keeps a deletion deleted', async () => {
    const { a, key, sync } = await firstComputer();
    const b = computer(sync);
    const joined = await joinSyncedVault(b, PASSWORD);
    if (!joined.ok) throw new Error('join failed');
    // Both change something before either exchanges: A adds and deletes, B adds and renames.
    await edit(a, key, (list) => [...list.filter((x) => x.issuer !== 'Mail'), account('Bank', 'alice-bank')]);
    await edit(b, joined.key, (list) => [
      ...list.map((x) => (x.issuer === 'Example' ? { ...x, issuer: 'Example Inc.' } : x)),
      account('Shop', 'alice-shop'),
    ]);
    await syncOnce(a, key);
    await syncOnce(b, joined.key);
    await syncOnce(a, key);
    const want = ['alice-bank', 'alice-shop', 'alice@example.com'];
    expect(await names(a, key)).toEqual(want);
    expect(await names(b, joined.key)).toEqual(want);
    const issuers = (await loadAccounts(a.local, key)).accounts.map((x) => x.issuer);
    expect(issuers).toContain('Example Inc.');
    // Idempotent: another round changes neither vault nor the synced copy.
    const before = JSON.stringify(Object.fromEntries(sync.items));
    await syncOnce(a, key);
    await syncOnce(b, joined.key);
    expect(JSON.stringify(Object.fromEntries(sync.items))).toBe(before);
  });

  it('after a reinstall (storage.local emptied) brings back every account, and the old install’s deletion stays', async () => {
    const { a, key, sync } = await firstComputer();
    await edit(a, key, (list) => list.filter((x) => x.issuer !== 'Mail'));
    await syncOnce(a, key);
    a.local.items.clear();
    const joined = await joinSyncedVault(a, PASSWORD);
    if (!joined.ok) throw new Error('join failed');
    expect(await names(a, joined.key)).toEqual(['alice@example.com']);
    expect(await syncOnce(a, joined.key)).toMatchObject({ kind: 'synced' });
    expect(await names(a, joined.key)).toEqual(['alice@example.com']);
    void sync;
  });

  it('pauses with the size in KB when the accounts do not fit, leaving the vault and the synced copy as they were', async () => {
    const { a, key, sync } = await firstComputer();
    const before = JSON.stringify(Object.fromEntries(sync.items));
    // Random names do not compress: about 130 KB of them once compressed.
    const noise = () => Array.from(randomBytes(1000), (b) => b.toString(36)).join('');
    const many = Array.from({ length: 100 }, (_, i) => account(`Issuer ${i}`, noise()));
    await edit(a, key, (list) => [...list, ...many]);
    const status = await syncOnce(a, key);
    expect(status).toMatchObject({ kind: 'quota', allowedBytes: 102_400 });
    expect(describeSyncStatus(status ?? { kind: 'off' })).toMatch(
      /^Sync is paused: your accounts need \d{3} KB, the browser allows 100 KB\./,
    );
    expect(JSON.stringify(Object.fromEntries(sync.items))).toBe(before);
    expect((await loadAccounts(a.local, key)).accounts).toHaveLength(102);
  });

  it('never empties a vault that has accounts, even when the synced copy deleted them all', async () => {
    const { a, key, sync } = await firstComputer();
    const b = computer(sync);
    const joined = await joinSyncedVault(b, PASSWORD);
    if (!joined.ok) throw new Error('join failed');
    await edit(b, joined.key, () => []);
    await syncOnce(b, joined.key);
    expect(await syncOnce(a, key)).toEqual({ kind: 'refused-empty' });
    expect(await names(a, key)).toHaveLength(2);
  });

  it('waits, writing nothing, while another computer’s generation is incomplete', async () => {
    const { a, key, sync } = await firstComputer();
    const manifest = sync.items.get(MANIFEST_KEY) as { generation: string };
    sync.items.delete(chunkKey(manifest.generation, 0));
    const before = JSON.stringify(Object.fromEntries(sync.items));
    await edit(a, key, (list) => [...list, account('New', 'alice-new')]);
    expect(await syncOnce(a, key)).toBeNull();
    expect(JSON.stringify(Object.fromEntries(sync.items))).toBe(before);
  });

  it('never pushes an empty list over the synced accounts: an empty vault without a merged state gets them back', async () => {
    const { a, key, sync } = await firstComputer();
    const b = computer(sync);
    const joined = await joinSyncedVault(b, PASSWORD);
    if (!joined.ok) throw new Error('join failed');
    // B's own sync record is lost and its vault is empty: nothing there says an account was deleted.
    await edit(b, joined.key, () => []);
    b.local.items.delete('sync');
    await turnOn(b);
    expect(await syncOnce(b, joined.key)).toMatchObject({ kind: 'synced' });
    expect(await names(b, joined.key)).toEqual(await names(a, key));
    await syncOnce(a, key);
    expect(await names(a, key)).toHaveLength(2);
  });

  it('leaves the synced copy of another vault alone and says so', async () => {
    const { sync } = await firstComputer();
    const before = JSON.stringify(Object.fromEntries(sync.items));
    const c = computer(sync);
    const otherKey = await createVault({ area: c.local, randomBytes }, 'another password here');
    await edit(c, otherKey, () => [account('Other', 'bob')]);
    await turnOn(c);
    expect(await syncOnce(c, otherKey)).toEqual({ kind: 'other-vault' });
    expect(JSON.stringify(Object.fromEntries(sync.items))).toBe(before);
    expect(await names(c, otherKey)).toEqual(['bob']);
  });
});
