import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from './account.ts';
import { OtpError } from './errors.ts';
import { decodeMigrationBatch, encodeMigrationUris } from './migration.ts';
import { exportableAccount } from './test-support/arbitraries.ts';
import {
  ENTRY_HOTP,
  ENTRY_TOTP,
  FIXTURE_ACCOUNTS,
  payload,
  uriFor,
} from './test-support/migration-payloads.ts';

describe('encodeMigrationUris', () => {
  it('writes exactly the bytes the protobuf encoding prescribes', () => {
    expect(encodeMigrationUris(FIXTURE_ACCOUNTS, { batchId: -2 })).toEqual([
      uriFor(payload([ENTRY_TOTP, ENTRY_HOTP])),
    ]);
  });

  it('splits large sets into QR codes of batchSize accounts that share one batch id', () => {
    const accounts = Array.from({ length: 25 }, (_, i) => ({
      ...(FIXTURE_ACCOUNTS[0] as OtpAccount),
      account: `user${i}`,
    }));
    const uris = encodeMigrationUris(accounts, { batchSize: 10 });
    expect(uris).toHaveLength(3);
    const batches = uris.map(decodeMigrationBatch);
    expect(batches.map((batch) => [batch.batchIndex, batch.batchSize, batch.accounts.length])).toEqual([
      [0, 3, 10],
      [1, 3, 10],
      [2, 3, 5],
    ]);
    expect(new Set(batches.map((batch) => batch.batchId)).size).toBe(1);
    expect(batches.flatMap((batch) => batch.accounts)).toEqual(accounts);
  });

  it('puts ten accounts in a QR code unless told otherwise', () => {
    const accounts = Array.from({ length: 11 }, () => FIXTURE_ACCOUNTS[0] as OtpAccount);
    expect(encodeMigrationUris(accounts)).toHaveLength(2);
  });

  it('derives the same batch id from the same accounts and a different one from others', () => {
    const id = (accounts: OtpAccount[]) =>
      decodeMigrationBatch(encodeMigrationUris(accounts)[0] as string).batchId;
    expect(id(FIXTURE_ACCOUNTS)).toBe(id(FIXTURE_ACCOUNTS.map((account) => ({ ...account }))));
    expect(id(FIXTURE_ACCOUNTS)).not.toBe(id(FIXTURE_ACCOUNTS.slice(0, 1)));
  });

  it('returns no URI for no accounts', () => {
    expect(encodeMigrationUris([])).toEqual([]);
  });

  it('refuses accounts the export format cannot hold, naming them', () => {
    const [first] = FIXTURE_ACCOUNTS as [OtpAccount];
    expect(() => encodeMigrationUris([first, { ...first, digits: 7 }])).toThrow(
      /Account 2 \(Example \/ alice@example.com\) has 7 digits; the export format only holds 6 or 8/,
    );
    expect(() => encodeMigrationUris([{ ...first, period: 60 }])).toThrow(/changes every 60 seconds/);
    expect(() =>
      encodeMigrationUris([
        { ...first, type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
      ]),
    ).toThrow(/is a Steam Guard account; the export format only holds TOTP and HOTP/);
    try {
      encodeMigrationUris([{ ...first, digits: 7 }]);
    } catch (error) {
      expect((error as OtpError).code).toBe('UNSUPPORTED_ACCOUNT');
    }
  });

  it('rejects batch sizes and batch ids outside their ranges', () => {
    expect(() => encodeMigrationUris(FIXTURE_ACCOUNTS, { batchSize: 0 })).toThrow(
      /batch size must be a whole number/,
    );
    expect(() => encodeMigrationUris(FIXTURE_ACCOUNTS, { batchId: 2 ** 31 })).toThrow(
      /32-bit signed integer/,
    );
    expect(() => encodeMigrationUris(FIXTURE_ACCOUNTS, { batchId: 1.5 })).toThrow(OtpError);
  });

  it('round-trips any exportable accounts through encode and decode, across batches (property)', () => {
    fc.assert(
      fc.property(
        fc.array(exportableAccount, { maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        (accounts, batchSize, batchId) => {
          const uris = encodeMigrationUris(accounts, { batchSize, batchId });
          expect(uris).toHaveLength(Math.ceil(accounts.length / batchSize));
          const batches = uris.map(decodeMigrationBatch);
          batches.forEach((batch, index) => {
            expect(batch).toMatchObject({ version: 1, batchIndex: index, batchSize: uris.length, batchId });
          });
          expect(batches.flatMap((batch) => batch.accounts)).toEqual(accounts);
        },
      ),
      { numRuns: 200 },
    );
  });
});
