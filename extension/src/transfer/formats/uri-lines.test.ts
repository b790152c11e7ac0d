import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, encodeMigrationUris, type OtpAccount } from '../../../../shared/index.ts';
import { base64Encode } from '../../../../shared/internal/base64.ts';
import {
  ENTRY_HOTP,
  entryWith,
  payload as migrationPayload,
  uriFor,
} from '../../../../shared/test-support/migration-payloads.ts';
import { countCorrect } from '../../../test-support/independent-codes.ts';
import { toOtpauthLines } from '../export.ts';
import { looksLikeUriLines, parseUriLines } from './uri-lines.ts';

const HELLO = base32Decode('JBSWY3DPEHPK3PXP'); // "Hello!" 0xDEADBEEF

describe('parseUriLines with otpauth:// lines', () => {
  it('reads one account per line and ignores blank and comment lines', () => {
    const text = [
      '# exported accounts',
      '',
      'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      '   ',
      'OTPAUTH://hotp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=7&digits=8&algorithm=SHA256',
      '  # indented comment',
    ].join('\r\n');
    const result = parseUriLines(text);
    expect(result.format).toBe('otpauth');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual([
      {
        type: 'totp',
        secret: HELLO,
        issuer: 'Example',
        account: 'alice@example.com',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'hotp',
        secret: new TextEncoder().encode('12345678901234567890'),
        issuer: '',
        account: 'bob',
        algorithm: 'SHA256',
        digits: 8,
        period: 30,
        counter: 7,
      },
    ]);
  });

  it('lists unusable lines with their line number and the reason, and keeps the rest', () => {
    const text = [
      'otpauth://totp/Good?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/BadSecret?secret=JBSWY3DP1',
      'otpauth://motp/Game?secret=JBSWY3DPEHPK3PXP',
      'otpauth://totp/Md5?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
      'just some words',
    ].join('\n');
    const result = parseUriLines(text);
    expect(result.accounts.map((account) => account.account)).toEqual(['Good']);
    expect(result.skipped.map((entry) => entry.label)).toEqual(['Line 2', 'Line 3', 'Line 4', 'Line 5']);
    expect(result.skipped[0]?.reason).toMatch(/base32/);
    expect(result.skipped[1]?.reason).toMatch(/motp/);
    expect(result.skipped[2]?.reason).toMatch(/MD5/);
    expect(result.skipped[4 - 1]?.reason).toMatch(/not an otpauth/);
  });

  it('adds an account pasted twice only once and counts the repeat', () => {
    const line = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP';
    const result = parseUriLines(`${line}\n${line}\n`);
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped).toEqual([]);
    expect(result).toMatchObject({ repeats: 1, entries: 2 });
  });

  it('lists the same key under another name as skipped, naming the one kept', () => {
    const result = parseUriLines(
      'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\notpauth://totp/Other:al?secret=JBSWY3DPEHPK3PXP',
    );
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped).toEqual([
      { label: 'Other (al)', reason: expect.stringMatching(/same key as Example \(alice\)/) },
    ]);
  });

  it('reads lines as QR tools print them, with their "QR-Code:" prefix', () => {
    const result = parseUriLines('QR-Code:otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n');
    expect(result.accounts.map((account) => account.account)).toEqual(['alice']);
  });
});

// A migration payload written byte by byte from the documented protobuf schema:
// MigrationPayload { repeated OtpParameters otp_parameters = 1; version = 2; batch_size = 3; batch_index = 4; batch_id = 5 }
// OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; algorithm = 4; digits = 5; type = 6; counter = 7 }
const ascii = (text: string) => Array.from(new TextEncoder().encode(text));
const parameters = [
  ...[0x0a, 10, ...HELLO], // secret
  ...[0x12, 13, ...ascii('Example:alice')], // name
  ...[0x1a, 7, ...ascii('Example')], // issuer
  ...[0x20, 1], // algorithm SHA1
  ...[0x28, 1], // digits SIX
  ...[0x30, 2], // type TOTP
];
const payload = Uint8Array.from([
  ...[0x0a, parameters.length, ...parameters],
  ...[0x10, 1], // version 1
  ...[0x18, 1], // batch_size 1
  ...[0x20, 0], // batch_index 0
  ...[0x28, 0x96, 0x01], // batch_id 150
]);
const HAND_WRITTEN_MIGRATION = `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(payload))}`;

function account(n: number, overrides: Partial<OtpAccount> = {}): OtpAccount {
  return {
    type: 'totp',
    secret: Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + n * 11) & 0xff),
    issuer: `Service ${n}`,
    account: `user${n}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

describe('parseUriLines with otpauth-migration:// export QR codes', () => {
  it('reads an export QR code written from the documented payload layout', () => {
    const result = parseUriLines(HAND_WRITTEN_MIGRATION);
    expect(result.format).toBe('migration');
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual([
      {
        type: 'totp',
        secret: HELLO,
        issuer: 'Example',
        account: 'alice',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ]);
  });

  it('keeps a Google export name with a colon whole when the entry has no issuer, and exports it back the same', () => {
    // OtpParameters by hand: 1 secret, 2 name, 6 type TOTP; no 3 issuer field.
    const name = [...new TextEncoder().encode('encoding: ¿äÄéÉ? (demo)')];
    const entry = [0x0a, HELLO.length, ...HELLO, 0x12, name.length, ...name, 0x30, 2];
    const app = {
      type: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: '',
      account: 'encoding: ¿äÄéÉ? (demo)',
    } as const;
    const result = parseUriLines(uriFor(migrationPayload([entry])));
    expect(result.accounts).toMatchObject([{ issuer: '', account: 'encoding: ¿äÄéÉ? (demo)' }]);
    expect(countCorrect(result.accounts, [app])).toBe(1);
    const again = parseUriLines(toOtpauthLines(result.accounts).join('\n'));
    expect(again.accounts).toEqual(result.accounts);
  });

  it('reads several batches of one export, counting a batch pasted twice once', () => {
    const accounts = [1, 2, 3, 4, 5].map((n) => account(n, n === 4 ? { type: 'hotp', counter: 9 } : {}));
    const [first, second, third] = encodeMigrationUris(accounts, { batchSize: 2, batchId: 77 });
    const result = parseUriLines([third, first, second, first].join('\n'));
    expect(result.skipped).toEqual([]);
    expect(result).toMatchObject({ repeats: 2, entries: 7 });
    expect(result.accounts).toHaveLength(5);
    expect(new Set(result.accounts.map((a) => a.account))).toEqual(new Set(accounts.map((a) => a.account)));
  });

  it('names the export QR codes that are missing from a multi-part export', () => {
    const uris = encodeMigrationUris(
      [1, 2, 3, 4, 5].map((n) => account(n)),
      { batchSize: 2, batchId: 5 },
    );
    const result = parseUriLines([uris[0], uris[2]].join('\n'));
    expect(result.accounts).toHaveLength(3);
    expect(result.skipped).toEqual([
      { label: 'Export QR code 2 of 3', reason: expect.stringMatching(/scan or paste it/) },
    ]);
  });

  it('keeps the usable accounts of an export QR code and lists the entry it cannot use', () => {
    const md5 = entryWith(0x20, [4]);
    const result = parseUriLines(uriFor(migrationPayload([ENTRY_HOTP, md5])));
    expect(result.accounts.map((a) => a.account)).toEqual(['bob']);
    expect(result.skipped).toEqual([
      { label: 'Line 1 (export QR code)', reason: expect.stringMatching(/^Entry 2 .* uses MD5/) },
    ]);
  });

  it('reads two different exports that carry the same batch id', () => {
    const [first] = encodeMigrationUris([account(1)], { batchId: 0 });
    const [second] = encodeMigrationUris([account(2)], { batchId: 0 });
    const result = parseUriLines([first, second].join('\n'));
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => a.account)).toEqual(['user1@example.com', 'user2@example.com']);
  });

  it('lists a damaged export QR code with the reason', () => {
    const result = parseUriLines(`${HAND_WRITTEN_MIGRATION.slice(0, -30)}\n`);
    expect(result.accounts).toEqual([]);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]?.label).toBe('Line 1 (export QR code)');
  });
});

describe('parseUriLines on arbitrary input', () => {
  const fragments = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'otpauth://totp/',
      'otpauth://hotp/',
      'otpauth-migration://offline?data=',
      '?secret=',
      '&counter=',
      '\n',
      '#',
      ':',
      '%',
    ),
    fc.base64String(),
  );

  it('always returns a result, never throws', () => {
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 12 }), (parts) => {
        const result = parseUriLines(parts.join(''));
        expect(Array.isArray(result.accounts) && Array.isArray(result.skipped)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('recognises text only when some line is an otpauth URI', () => {
    expect(looksLikeUriLines('hello\nworld')).toBe(false);
    expect(looksLikeUriLines('# otpauth://totp/x\n')).toBe(false);
    expect(looksLikeUriLines('hello\n  otpauth://totp/x')).toBe(true);
  });
});
