import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOtpauthUri } from '../../../../shared/index.ts';
import { ENTE_SMALL, enteEncrypted, entePlainText } from '../../../test-support/ente-encrypted-file.ts';
import { andOtpEncrypted } from '../../../test-support/foreign-files.ts';
import { otp } from '../../../test-support/transfer-fixtures.ts';
import { ImportSourceError, readSources, sourcesFromFiles } from './import-sources.ts';

describe('reading import sources', () => {
  it('gives a plan, a password request or its own error for any text, never another failure', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        try {
          const outcome = await readSources([{ name: 'the pasted text', text }]);
          expect(['plan', 'password']).toContain(outcome.kind);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportSourceError);
          expect((error as Error).message.startsWith('the pasted text: ')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns no plan for an encrypted file once its read is cancelled, before or during the key derivation', async () => {
    const file = await enteEncrypted('ente password', entePlainText([formatOtpauthUri(otp(1))]), ENTE_SMALL);
    const sources = [{ name: 'ente.txt', text: JSON.stringify(file) }];
    const before = new AbortController();
    before.abort(new Error('cancelled before'));
    await expect(readSources(sources, 'ente password', before.signal)).rejects.toThrow('cancelled before');

    const during = new AbortController();
    const reading = readSources(sources, 'ente password', during.signal);
    during.abort(new Error('cancelled during'));
    await expect(reading).rejects.toThrow('cancelled during');

    const outcome = await readSources(sources, 'ente password', new AbortController().signal);
    expect(outcome.kind === 'plan' && outcome.plan.accounts.length).toBe(1);
  });

  it('keeps an account found in two sources once and says why the other was skipped', async () => {
    const line = formatOtpauthUri(otp(1));
    const outcome = await readSources([
      { name: 'a.txt', text: line },
      { name: 'b.txt', text: `${line}\n${formatOtpauthUri(otp(2))}` },
    ]);
    if (outcome.kind !== 'plan') throw new Error('plain text needs no password');
    expect(outcome.plan.accounts.map((a) => a.account)).toEqual(['user1@example.com', 'user2@example.com']);
    expect(outcome.plan.skipped).toEqual([
      {
        label: 'Service 1 (user1@example.com)',
        reason: 'It is also in another of the chosen sources; it is added once.',
      },
    ]);
  });

  it('reads the QR codes of several images as one source, so the pages of one export go together', async () => {
    const files = ['1.png', '2.jpg', 'notes.txt'].map(
      (name) => new File([name], name, { type: name.endsWith('txt') ? 'text/plain' : '' }),
    );
    const qrOf = (image: Blob) => `otpauth://totp/${(image as File).name}?secret=JBSWY3DP`;
    const sources = await sourcesFromFiles(files, async (image) => qrOf(image));
    expect(sources.map(({ name, text }) => ({ name, text }))).toEqual([
      { name: 'notes.txt', text: 'notes.txt' },
      {
        name: 'the 2 QR code images',
        text: 'otpauth://totp/1.png?secret=JBSWY3DP\notpauth://totp/2.jpg?secret=JBSWY3DP',
      },
    ]);
    await expect(readSources([])).rejects.toThrow('Choose a file or paste the exported text first.');
  });

  it('says when a QR code image holds something other than an authenticator account', async () => {
    const files = [new File(['x'], 'menu.png', { type: 'image/png' })];
    await expect(sourcesFromFiles(files, async () => 'https://example.com/menu')).rejects.toThrow(
      'The QR code in menu.png holds no authenticator account (it holds “https://example.com/menu”), so there is nothing to import from it.',
    );
  });

  it('reads text copied from QR tools, with their "QR-Code:" prefix', async () => {
    const files = [new File(['x'], 'shot.png', { type: 'image/png' })];
    const sources = await sourcesFromFiles(files, async () => `QR-Code:${formatOtpauthUri(otp(3))}`);
    const outcome = await readSources(sources);
    if (outcome.kind !== 'plan') throw new Error('plain text needs no password');
    expect(outcome.plan.accounts.map((a) => a.account)).toEqual(['user3@example.com']);
  });

  it('reads a binary encrypted andOTP backup from its file bytes once the password is given', async () => {
    const entries = [
      {
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'Example',
        label: 'alice',
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
      },
    ];
    const file = new File([new Uint8Array(andOtpEncrypted('andOTP pw', entries))], 'otp_accounts.json.aes');
    const sources = await sourcesFromFiles([file], async () => null);
    expect(await readSources(sources)).toEqual({ kind: 'password', names: ['otp_accounts.json.aes'] });
    const outcome = await readSources(sources, 'andOTP pw');
    if (outcome.kind !== 'plan') throw new Error('the password was given');
    expect(outcome.plan.accounts.map((a) => `${a.issuer} ${a.account}`)).toEqual(['Example alice']);
    await expect(readSources(sources, 'wrong')).rejects.toThrow(
      'otp_accounts.json.aes: The password does not open this andOTP backup (or the file is damaged).',
    );
  });
});
