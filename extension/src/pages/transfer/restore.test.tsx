// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { totp } from '../../../../shared/index.ts';
import { MemoryArea } from '../../../test-support/memory-area.ts';
import { BACKUP_PASSWORD, backupOf, inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import { randomBytes } from '../../platform/random.ts';
import { type RestoredBackup, readBackup } from '../../transfer/index.ts';
import { createVault, loadAccounts, saveAccounts } from '../../vault/vault.ts';
import { type DuplicateAction, mergeIncoming } from './merge.ts';
import { RestoreScreen } from './RestoreScreen.tsx';

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
    const area = new MemoryArea();
    const deps = { area, randomBytes, now: () => 5_000 };
    const key = await createVault(deps, 'vault password');
    const original = [otp(1), otp(2, { type: 'hotp', counter: 7 }), otp(3, { digits: 8, period: 60 })];
    const backup = await readBackup(await backupOf(original), BACKUP_PASSWORD);
    const createdAt = Date.parse(backup.createdAt);
    const writes = vi.spyOn(area, 'set');
    await saveAccounts(deps, key, mergeIncoming([], backup.accounts, 'skip', randomBytes, createdAt), 0, {
      lastBackupAt: createdAt,
    });
    expect(writes).toHaveBeenCalledTimes(1);
    const restored = await loadAccounts(area, key);
    const codes = (list: typeof original) => list.map((a) => totp({ ...a, time: 1_700_000_000_000 }));
    expect(codes(restored.accounts)).toEqual(codes(original));
    expect(restored.accounts.map((a) => [a.type, a.counter, a.digits, a.period, a.addedAt])).toEqual([
      ['totp', 0, 6, 30, createdAt],
      ['hotp', 7, 6, 30, createdAt],
      ['totp', 0, 8, 60, createdAt],
    ]);
  });
});
