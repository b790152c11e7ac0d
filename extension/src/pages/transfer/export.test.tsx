// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatOtpauthUri, type OtpAccount } from '../../../../shared/index.ts';
import { decodeQrSvg, pixelsOfQrSvg } from '../../../test-support/svg-qr.ts';
import { inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import { randomBytes } from '../../platform/random.ts';
import { decodeQr, type Pixels } from '../../scan/decode.ts';
import { aegisEncryptedExport, detectAndParseWithPassword } from '../../transfer/index.ts';
import { ExportScreen } from './ExportScreen.tsx';
import { ImportScreen } from './ImportScreen.tsx';
import { mergeIncoming } from './merge.ts';
import type { AppFileKind } from './OtherAppExport.tsx';

afterEach(cleanup);

const saved = () => ({ fileName: 'authenticator-accounts-2026-11-23.txt', url: 'blob:x', revoke: vi.fn() });
const forApp = async () => saved();

describe('exporting', () => {
  it('shows an account’s QR code and link only after a warning is confirmed', () => {
    const account = inVault(otp(3, { issuer: 'Bank' }));
    render(
      <ExportScreen
        accounts={[account]}
        randomBytes={randomBytes}
        onSavePlainText={saved}
        onSaveForApp={forApp}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code of Bank (user3@example.com)' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(
      /anyone who sees them can generate its codes/,
    );
    expect(screen.queryByRole('img')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show QR code and link' }));
    const uri = formatOtpauthUri(account);
    expect(decodeQrSvg(screen.getByRole('img', { name: 'QR code of Bank (user3@example.com)' }))).toBe(uri);
    expect((screen.getByLabelText('otpauth link') as HTMLTextAreaElement).value).toBe(uri);
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('saves the plain text file only once the user ticks that it reveals the keys', () => {
    const onSave = vi.fn(saved);
    render(
      <ExportScreen
        accounts={[inVault(otp(1))]}
        randomBytes={randomBytes}
        onSavePlainText={onSave}
        onSaveForApp={forApp}
      />,
    );
    const button = screen.getByRole('button', {
      name: 'Save text file of otpauth links',
    }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('I understand that this file reveals my secret keys'));
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe(
      'Saved authenticator-accounts-2026-11-23.txt to your downloads.',
    );
  });

  it('pages the phone export QR codes, says which accounts it leaves out, and they import back', async () => {
    const accounts = [
      ...Array.from({ length: 23 }, (_, i) => inVault(otp(i + 1))),
      inVault(otp(40, { digits: 7 })),
      inVault(otp(41, { type: 'hotp', counter: 9, algorithm: 'SHA256' })),
    ];
    render(
      <ExportScreen
        accounts={accounts}
        randomBytes={randomBytes}
        onSavePlainText={saved}
        onSaveForApp={forApp}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export all to a phone…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show export QR codes' }));
    expect(screen.getByRole('list', { name: 'Not exported' }).textContent).toMatch(
      /^Service 40 \(user40@example.com\): /,
    );
    // Each page as the screen shows it, kept as pixels: the phone's camera, or a screenshot.
    const shown = new Map<string, Pixels>();
    const pageCount = Number(/of (\d+)/.exec(screen.getByText(/^1 of \d+$/).textContent ?? '')?.[1]);
    expect(pageCount).toBeGreaterThan(1);
    for (let page = 1; page <= pageCount; page++) {
      expect(screen.getByText(`${page} of ${pageCount}`)).toBeTruthy();
      const svg = screen.getByRole('img', { name: `Export QR code ${page} of ${pageCount}` });
      shown.set(`export-${page}.png`, pixelsOfQrSvg(svg));
      if (page < pageCount) fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    }
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();

    // All pages chosen at once in the import screen; each image is decoded with jsQR.
    const images = [...shown.keys()]
      .reverse()
      .map((name) => new File(['image'], name, { type: 'image/png' }));
    const qrTextFromImage = async (image: Blob) => {
      const pixels = shown.get((image as File).name);
      return pixels ? decodeQr(pixels) : null;
    };
    const onImport = vi.fn(async (_accounts: OtpAccount[]) => {});
    render(<ImportScreen existing={[]} busy={false} qrTextFromImage={qrTextFromImage} onImport={onImport} />);
    fireEvent.change(screen.getByLabelText('Files'), { target: { files: images } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview import' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 24 accounts' }));
    await waitFor(() => expect(onImport).toHaveBeenCalledTimes(1));
    const imported = mergeIncoming([], onImport.mock.calls[0]?.[0] ?? [], 'skip', randomBytes);
    const exportable = accounts.filter((a) => a.digits !== 7);
    expect(new Set(imported.map(formatOtpauthUri))).toEqual(new Set(exportable.map(formatOtpauthUri)));
  });

  it('saves an encrypted Aegis vault with the password typed twice, which opens with that password', async () => {
    const accounts = [inVault(otp(1)), inVault(otp(2, { type: 'hotp', counter: 4 }))];
    const files: string[] = [];
    const onSaveForApp = vi.fn(async (_kind: AppFileKind, password?: string) => {
      const file = await aegisEncryptedExport(accounts, password ?? '', { now: new Date(), randomBytes });
      files.push(file.text);
      return { fileName: file.fileName, url: 'blob:y', revoke: vi.fn() };
    });
    render(
      <ExportScreen
        accounts={accounts}
        randomBytes={randomBytes}
        onSavePlainText={saved}
        onSaveForApp={onSaveForApp}
      />,
    );
    const button = screen.getByRole('button', { name: 'Save encrypted Aegis vault' }) as HTMLButtonElement;
    fireEvent.input(screen.getByLabelText('Password for the Aegis vault'), { target: { value: 'vault pw' } });
    fireEvent.input(screen.getByLabelText('The same password again'), { target: { value: 'vault pX' } });
    expect(screen.getByRole('alert').textContent).toBe('The two passwords differ.');
    expect(button.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('The same password again'), { target: { value: 'vault pw' } });
    fireEvent.click(button);
    await waitFor(
      () =>
        expect(screen.getByRole('status').textContent).toMatch(
          /^Saved aegis-export-.*\.json to your downloads\.$/,
        ),
      { timeout: 30_000 },
    );
    expect(onSaveForApp).toHaveBeenCalledWith('aegis-encrypted', 'vault pw');
    const back = await detectAndParseWithPassword(files[0] as string, 'vault pw');
    expect(back.accounts.map((a) => a.account)).toEqual(['user1@example.com', 'user2@example.com']);
  });

  it('saves plain Aegis and 2FAS files only once the user ticks that they reveal the keys', async () => {
    const onSaveForApp = vi.fn(async () => saved());
    render(
      <ExportScreen
        accounts={[inVault(otp(1))]}
        randomBytes={randomBytes}
        onSavePlainText={saved}
        onSaveForApp={onSaveForApp}
      />,
    );
    const aegis = screen.getByRole('button', { name: 'Save plain Aegis vault' }) as HTMLButtonElement;
    const twoFas = screen.getByRole('button', { name: 'Save 2FAS file' }) as HTMLButtonElement;
    expect([aegis.disabled, twoFas.disabled]).toEqual([true, true]);
    fireEvent.click(screen.getByLabelText('I understand that these files reveal my secret keys'));
    fireEvent.click(twoFas);
    await waitFor(() => expect(onSaveForApp).toHaveBeenCalledWith('2fas', undefined));
    fireEvent.click(aegis);
    await waitFor(() => expect(onSaveForApp).toHaveBeenCalledWith('aegis', undefined));
  });
});
