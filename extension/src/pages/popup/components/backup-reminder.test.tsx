// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inVault, otp } from '../../../../test-support/transfer-fixtures.ts';
import { BackupReminder } from './BackupReminder.tsx';

afterEach(cleanup);

describe('the backup reminder', () => {
  it('appears while accounts were added after the last backup and disappears after the next one', () => {
    const onBackUp = vi.fn();
    const accounts = [inVault(otp(1), 1_000), inVault(otp(2), 3_000), inVault(otp(3), 4_000)];
    const { rerender } = render(
      <BackupReminder accounts={accounts} lastBackupAt={2_000} onBackUp={onBackUp} />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      '2 accounts are newer than your last backup. Back up now',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Back up now' }));
    expect(onBackUp).toHaveBeenCalledTimes(1);
    rerender(<BackupReminder accounts={accounts} lastBackupAt={5_000} onBackUp={onBackUp} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('counts every account when no backup was ever made, and says nothing for an empty list', () => {
    const { rerender } = render(
      <BackupReminder accounts={[inVault(otp(1), 0)]} lastBackupAt={null} onBackUp={vi.fn()} />,
    );
    expect(screen.getByRole('status').textContent).toMatch(/^1 account is not in any backup yet\./);
    rerender(<BackupReminder accounts={[]} lastBackupAt={null} onBackUp={vi.fn()} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('counts accounts from before added times were kept as covered by a later backup', () => {
    render(<BackupReminder accounts={[inVault(otp(1), 0)]} lastBackupAt={1} onBackUp={vi.fn()} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
