// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { totp } from '../../../../shared/index.ts';
import { fakeBrowser } from '../../../test-support/fake-browser.ts';
import { BACKUP_PASSWORD, backupOf, inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import type { RestoredBackup } from '../../transfer/index.ts';
import { loadAccounts } from '../../vault/vault.ts';
import * as vault from '../vault-session.ts';
import type { DuplicateAction } from './merge.ts';
import { RestoreScreen } from './RestoreScreen.tsx';
import { TransferPage } from './TransferPage.tsx';

// The whole transfer page runs on in-memory storage with Chrome's semantics, so a restore goes
// through the page's own handler, the merge and the vault write, as it does in the browser.
const fake = vi.hoisted(() => ({ browser: undefined as unknown as ReturnType<typeof fakeBrowser> }));
vi.mock('../../platform/browser.ts', () => ({
  get browser() {
    return fake.browser;
  },
}));

beforeEach(() => {
  fake.browser = fakeBrowser();
});
afterEach(cleanup);

function chooseFile(text: string, name = 'authenticator-backup-2026-11-20.json') {
  const input = screen.getByLabelText('Backup file');
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'application/json' })] } });
}

async function open(text: string, password = BACKUP_PASSWORD) {
  chooseFile(text);
  fireEvent.input(screen.getByLabelText('Backup password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Open backup' }));
}

describe('restoring a backup', () => {
  it('says the password is wrong and restores nothing', async () => {
    const onRestore = vi.fn();
    render(<RestoreScreen existing={[]} busy={false} onRestore={onRestore} />);
    await open(await backupOf([otp(1)]), 'not the password');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The password does not open this backup. Nothing was changed.',
      ),
    );
    expect(screen.queryByRole('region', { name: 'Preview' })).toBeNull();
    expect(onRestore).not.toHaveBeenCalled();
  });

  it('says a truncated file is damaged, a newer one needs an update, and other files are not backups', async () => {
    render(<RestoreScreen existing={[]} busy={false} onRestore={vi.fn()} />);
    const text = await backupOf([otp(1)]);
    await open(text.slice(0, text.length / 2));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/incomplete or damaged/));
    await open(JSON.stringify({ ...JSON.parse(text), version: 9 }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/newer release.*update the extension/),
    );
    await open('otpauth://totp/Example:ana?secret=JBSWY3DPEHPK3PXP');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/not a backup made by this extension/),
    );
  });

  it('lists the accounts already present and lets the user skip or replace them', async () => {
    const existing = [inVault(otp(1)), inVault(otp(9))];
    const onRestore = vi.fn(async (_backup: RestoredBackup, _action: DuplicateAction) => {});
    render(<RestoreScreen existing={existing} busy={false} onRestore={onRestore} />);
    await open(await backupOf([otp(1, { issuer: 'Renamed' }), otp(2)]));
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((row) => row.textContent)).toEqual([
      'Renameduser1@example.comTime-based630 sAlready in your list',
      'Service 2user2@example.comTime-based630 sNew',
    ]);
    expect(screen.getByRole('button', { name: 'Restore 1 account' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Replace them with the imported details'));
    fireEvent.click(screen.getByRole('button', { name: 'Restore 2 accounts' }));
    await waitFor(() => expect(onRestore).toHaveBeenCalledTimes(1));
    expect(onRestore.mock.calls[0]?.[1]).toBe('replace');
    await screen.findByText(/Restored from the backup/);
  });

  it('puts the whole backup into the vault in one write, with the same codes as before', async () => {
    const state = await vault.setUp('vault password');
    if (state.status !== 'unlocked') throw new Error('a new vault is open');
    const original = [otp(1), otp(2, { type: 'hotp', counter: 7 }), otp(3, { digits: 8, period: 60 })];
    const file = await backupOf(original);
    const createdAt = Date.parse(JSON.parse(file).createdAt);
    location.hash = '#restore';
    render(<TransferPage />);
    await screen.findByLabelText('Backup file');
    const writes = vi.spyOn(fake.browser.storage.local, 'set');
    await open(file);
    fireEvent.click(await screen.findByRole('button', { name: 'Restore 3 accounts' }));
    await screen.findByText(/Restored from the backup/);

    expect(writes).toHaveBeenCalledTimes(1);
    const restored = await loadAccounts(fake.browser.storage.local, state.key);
    const codes = (list: typeof original) => list.map((a) => totp({ ...a, time: 1_700_000_000_000 }));
    expect(codes(restored.accounts)).toEqual(codes(original));
    expect(restored.accounts.map((a) => [a.type, a.counter, a.digits, a.period, a.addedAt])).toEqual([
      ['totp', 0, 6, 30, createdAt],
      ['hotp', 7, 6, 30, createdAt],
      ['totp', 0, 8, 60, createdAt],
    ]);
    // Restored into an empty vault, every account is in that file: the reminder counts it as a backup.
    expect(restored.lastBackupAt).toBe(createdAt);
  });

  it('hides the vault on the transfer page when the popup locks it', async () => {
    await vault.setUp('vault password');
    location.hash = '#restore';
    render(<TransferPage />);
    await screen.findByLabelText('Backup file');
    await vault.lockNow();
    await screen.findByLabelText('Password');
    expect(screen.queryByLabelText('Backup file')).toBeNull();
  });
});
