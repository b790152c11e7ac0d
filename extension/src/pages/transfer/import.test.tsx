// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatOtpauthUri, type OtpAccount } from '../../../../shared/index.ts';
import { browserInLanguage } from '../../../test-support/browser-language.ts';
import { BACKUP_PASSWORD, backupOf, inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import type { VaultAccount } from '../../accounts/account.ts';
import { ImportScreen } from './ImportScreen.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const noImages = async () => null;

function renderImport(existing: VaultAccount[] = [], qrTextFromImage = noImages) {
  const onImport = vi.fn(async (_accounts: OtpAccount[], _action: string) => {});
  render(
    <ImportScreen existing={existing} busy={false} qrTextFromImage={qrTextFromImage} onImport={onImport} />,
  );
  return onImport;
}

function paste(text: string) {
  fireEvent.input(screen.getByLabelText('Or paste the exported text'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Preview import' }));
}

describe('importing from other authenticators', () => {
  it('sets a skipped entry’s name apart as French typography does, with a no-break space before the colon', async () => {
    browserInLanguage('fr');
    renderImport();
    fireEvent.input(screen.getByLabelText('Ou collez le texte exporté'), {
      target: { value: `${formatOtpauthUri(otp(1))}\nhello` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu de l’import' }));
    const skipped = await screen.findByRole('list', { name: 'Entrées ignorées' });
    expect(skipped.textContent).toMatch(/^Ligne 2\u00a0: \S/);
  });

  it('previews issuer, account, type, digits and period, and lists skipped entries with the reason', async () => {
    renderImport();
    paste(
      [
        '# exported accounts',
        formatOtpauthUri(otp(1, { digits: 8, period: 60 })),
        '',
        'otpauth://totp/Broken:bob?secret=NOT!BASE32',
        formatOtpauthUri(otp(2, { type: 'hotp', counter: 3 })),
      ].join('\n'),
    );
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((row) => row.textContent)).toEqual([
      'Service 1user1@example.comTime-based860 sNew',
      'Service 2user2@example.comCounter-based6—New',
    ]);
    const skipped = screen.getByRole('list', { name: 'Skipped entries' });
    expect(skipped.textContent).toMatch(/^Line 4: The "secret" parameter is not valid base32/);
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('2 accounts found, 1 skipped');
  });

  it('offers the other apps’ export files in the file chooser', () => {
    renderImport();
    const input = screen.getByLabelText('Files') as HTMLInputElement;
    expect(input.accept.split(',')).toEqual(
      expect.arrayContaining(['.json', '.2fas', '.csv', '.aes', '.txt']),
    );
  });

  it('counts an entry that repeats one already listed, so every entry of the file is accounted for', async () => {
    renderImport();
    const line = formatOtpauthUri(otp(1));
    paste([line, line, formatOtpauthUri(otp(2))].join('\n'));
    await screen.findAllByRole('row');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('2 accounts found, 1 repeated');
    expect(screen.getByText(/^1 entry repeats an account listed above/)).toBeTruthy();
  });

  it('marks accounts already in the list and imports only the new ones unless asked to replace', async () => {
    const onImport = renderImport([inVault(otp(1))]);
    paste([otp(1), otp(2)].map(formatOtpauthUri).join('\n'));
    await screen.findByText('Already in your list');
    fireEvent.click(screen.getByRole('button', { name: 'Import 1 account' }));
    await waitFor(() => expect(onImport).toHaveBeenCalledTimes(1));
    expect(onImport.mock.calls[0]?.[1]).toBe('skip');
    expect(onImport.mock.calls[0]?.[0].map((a) => a.account)).toEqual([
      'user1@example.com',
      'user2@example.com',
    ]);
    await screen.findByText('Import complete: the accounts are in your list.');
  });

  it('asks for the password of an encrypted file and says when it is wrong, importing nothing', async () => {
    const onImport = renderImport();
    const file = new File([await backupOf([otp(4)])], 'backup.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Files'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }));
    await screen.findByText('backup.json is encrypted. Enter the password it was exported with.');
    fireEvent.input(screen.getByLabelText('Password of the exported file'), {
      target: { value: 'wrong one' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'backup.json: The password does not open this backup. Nothing was imported.',
      ),
    );
    fireEvent.input(screen.getByLabelText('Password of the exported file'), {
      target: { value: BACKUP_PASSWORD },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('user4@example.com');
    expect(onImport).not.toHaveBeenCalled();
  });

  it('names the image without a QR code and the text it cannot read, and shows no preview', async () => {
    renderImport();
    const image = new File([new Uint8Array(8)], 'holiday.png', { type: 'image/png' });
    fireEvent.change(screen.getByLabelText('Files'), { target: { files: [image] } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'No QR code was found in holiday.png. Nothing was imported.',
      ),
    );
    fireEvent.change(screen.getByLabelText('Files'), { target: { files: [] } });
    paste('just some notes');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^The pasted text: No accounts found/),
    );
    expect(screen.queryByRole('table')).toBeNull();
  });
});
