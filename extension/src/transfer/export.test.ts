import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../../shared/index.ts';
import { detectAndParse } from './detect.ts';
import { plainTextExport, toMigrationPages, toOtpauthLines } from './export.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));

function account(n: number, overrides: Partial<OtpAccount> = {}): OtpAccount {
  return {
    type: 'totp',
    secret: random(20),
    issuer: `Service ${n}`,
    account: `user${n}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

const mixed: OtpAccount[] = [
  account(1),
  account(2, { type: 'hotp', counter: 1234, algorithm: 'SHA256', digits: 8 }),
  account(3, { issuer: '', account: 'no issuer' }),
  account(4, { digits: 7, period: 60, algorithm: 'SHA512' }),
  account(5, { issuer: 'Ünïcödé & Co', account: 'name with spaces+plus/slash?' }),
];

/** Renders a QR code to RGBA pixels as a screen would show it (4 px per module, 4-module quiet zone). */
function renderQr(text: string): { data: Uint8ClampedArray; width: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const width = (modules.size + 8) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let y = 0; y < scale; y++) {
        for (let x = 0; x < scale; x++) {
          const offset = (((row + 4) * scale + y) * width + (col + 4) * scale + x) * 4;
          data.fill(0, offset, offset + 3);
        }
      }
    }
  }
  return { data, width };
}

describe('otpauth text export', () => {
  it('imports back as the same accounts, in order', () => {
    const file = plainTextExport(mixed, { now: new Date(2026, 10, 23) });
    expect(file.fileName).toBe('authenticator-accounts-2026-11-23.txt');
    expect(file.text.split('\n')[0]).toMatch(/^# .*plain text/);
    const result = detectAndParse(file.text);
    expect(result.format).toBe('otpauth');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(mixed);
  });

  it('writes one otpauth URI per account', () => {
    const lines = toOtpauthLines(mixed);
    expect(lines).toHaveLength(mixed.length);
    for (const line of lines) expect(line).toMatch(/^otpauth:\/\/(totp|hotp)\//);
  });
});

describe('export QR codes for a phone', () => {
  it('leaves out, with the reason, accounts the phone format cannot hold', () => {
    const { uris, notExported } = toMigrationPages(mixed, { randomBytes: random });
    expect(uris).toHaveLength(1);
    expect(notExported).toEqual([
      { label: 'Service 4 (user4@example.com)', reason: expect.stringMatching(/7 digits/) },
    ]);
  });

  it('splits many accounts into pages that import back together', () => {
    const many = Array.from({ length: 23 }, (_, i) =>
      account(i, i % 5 === 0 ? { type: 'hotp', counter: i } : {}),
    );
    const { uris, notExported } = toMigrationPages(many, { randomBytes: random, batchSize: 10 });
    expect(notExported).toEqual([]);
    expect(uris).toHaveLength(3);
    const result = detectAndParse(uris.join('\n'));
    expect(result.format).toBe('migration');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(many);
  });

  it('round-trips through rendered QR images decoded with jsqr', () => {
    const exportable = mixed.filter((a) => a.digits !== 7);
    const { uris } = toMigrationPages(exportable, { randomBytes: random, batchSize: 2 });
    expect(uris).toHaveLength(2);
    const scanned = uris.map((uri) => {
      const { data, width } = renderQr(uri);
      const decoded = jsQR(data, width, width);
      if (!decoded) throw new Error('the rendered QR code could not be decoded');
      return decoded.data;
    });
    expect(detectAndParse(scanned.reverse().join('\n')).accounts).toHaveLength(exportable.length);
    expect(new Set(detectAndParse(scanned.join('\n')).accounts.map((a) => a.account))).toEqual(
      new Set(exportable.map((a) => a.account)),
    );
  });

  it('gives every export a random batch id shared by its pages', () => {
    const accounts = Array.from({ length: 4 }, (_, i) => account(i));
    const first = toMigrationPages(accounts, { randomBytes: () => Uint8Array.of(0, 0, 0, 1), batchSize: 2 });
    const second = toMigrationPages(accounts, { randomBytes: () => Uint8Array.of(0, 0, 0, 2), batchSize: 2 });
    // Both exports pasted together stay two complete exports: nothing is reported missing.
    const result = detectAndParse([...first.uris, ...second.uris].join('\n'));
    expect(result.accounts).toHaveLength(4);
    expect(result.skipped.every((entry) => /more than once/.test(entry.reason))).toBe(true);
  });
});
