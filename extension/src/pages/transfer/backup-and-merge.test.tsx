// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import { randomBytes } from '../../platform/random.ts';
import { BackupScreen } from './BackupScreen.tsx';
import { mergeIncoming } from './merge.ts';

afterEach(cleanup);

function fill(password: string, confirm: string) {
  fireEvent.input(screen.getByLabelText('Backup password'), { target: { value: password } });
  fireEvent.input(screen.getByLabelText('Confirm backup password'), { target: { value: confirm } });
  fireEvent.click(screen.getByRole('button', { name: 'Save encrypted backup' }));
}

describe('the backup screen', () => {
  it('asks for the same password twice, long enough, before making anything', () => {
    const onBackUp = vi.fn();
    render(<BackupScreen accountCount={2} lastBackupAt={null} onBackUp={onBackUp} onPlainExport={vi.fn()} />);
    expect(screen.getByText('No backup has been made yet.')).toBeTruthy();
    fill('nine char', 'nine char');
    expect(screen.getByRole('alert').textContent).toBe('Use at least 10 characters.');
    fill('correct horse battery', 'correct horse batterz');
    expect(screen.getByRole('alert').textContent).toBe(
      'The two passwords differ. Type the same password twice.',
    );
    expect(onBackUp).not.toHaveBeenCalled();
  });

  it('offers the saved file again as a link once the backup is made', async () => {
    const file = { fileName: 'authenticator-backup-2026-11-23.json', url: 'blob:backup', revoke: vi.fn() };
    const onBackUp = vi.fn(async () => file);
    render(<BackupScreen accountCount={2} lastBackupAt={null} onBackUp={onBackUp} onPlainExport={vi.fn()} />);
    fill('correct horse battery', 'correct horse battery');
    const link = await screen.findByRole('link', { name: 'Save authenticator-backup-2026-11-23.json again' });
    expect(onBackUp).toHaveBeenCalledWith('correct horse battery');
    expect(link.getAttribute('download')).toBe(file.fileName);
  });
});

describe('merging imported accounts into the list', () => {
  it('appends new accounts, and replaces a duplicate in place keeping its id, pin and added time', () => {
    const pinned = { ...inVault(otp(1), 1_000), pinned: true };
    const other = inVault(otp(2), 2_000);
    const incoming = [otp(3), { ...otp(1), issuer: 'New name' }];
    const skipped = mergeIncoming([pinned, other], incoming, 'skip', randomBytes);
    expect(skipped.map((a) => a.issuer)).toEqual(['Service 1', 'Service 2', 'Service 3']);
    expect(skipped[2]?.addedAt).toBeUndefined();
    const replaced = mergeIncoming([pinned, other], incoming, 'replace', randomBytes, 9_000);
    expect(replaced.map((a) => [a.issuer, a.digits, a.pinned, a.addedAt])).toEqual([
      ['New name', 6, true, 1_000],
      ['Service 2', 6, false, 2_000],
      ['Service 3', 6, false, 9_000],
    ]);
    expect(replaced[0]?.id).toBe(pinned.id);
  });

  it('takes the same key under another account name for that account renamed, and another key under the same name for a new account', () => {
    const existing = [inVault(otp(1))];
    const renamed = mergeIncoming(existing, [{ ...otp(1), account: 'someone else' }], 'replace', randomBytes);
    expect(renamed.map((a) => a.account)).toEqual(['someone else']);
    const reEnrolled = mergeIncoming(
      existing,
      [otp(2, { account: 'user1@example.com' })],
      'replace',
      randomBytes,
    );
    expect(reEnrolled).toHaveLength(2);
  });
});
