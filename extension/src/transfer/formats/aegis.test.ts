import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { steamCode } from '../../../../shared/index.ts';
import { encryptedVault } from '../../../test-support/aegis-vault.ts';
import {
  CorruptFileError,
  NewerVersionError,
  PasswordRequiredError,
  TransferError,
  UnsupportedFileError,
  WrongPasswordError,
} from '../errors.ts';
import { isAegisDocument, parseAegis } from './aegis.ts';
import { parseEncryptedAegis } from './aegis-encrypted.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// Written from Aegis' docs/vault.md: plain vault with `header.slots` and `header.params` null.
const PLAIN_CONTENT = {
  version: 2,
  entries: [
    {
      type: 'totp',
      uuid: '01234567-89ab-cdef-0123-456789abcdef',
      name: 'Bob',
      issuer: 'Example',
      icon: null,
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
    },
    {
      type: 'hotp',
      uuid: '11234567-89ab-cdef-0123-456789abcdef',
      name: 'carol@example.com',
      issuer: 'Counter Co',
      info: { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algo: 'SHA512', digits: 8, counter: 12 },
    },
    {
      type: 'totp',
      name: 'slow',
      issuer: '',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 7, period: 60 },
    },
    {
      type: 'steam',
      name: 'gamer',
      issuer: 'Steam',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 5, period: 30 },
    },
    {
      type: 'yandex',
      name: 'y',
      issuer: 'Yandex',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA256', digits: 8 },
    },
    {
      type: 'totp',
      name: 'old',
      issuer: 'Legacy',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 30 },
    },
    {
      type: 'totp',
      name: 'typo',
      issuer: 'Broken',
      info: { secret: 'JBSWY3DP!', algo: 'SHA1', digits: 6, period: 30 },
    },
  ],
};
const PLAIN_VAULT = { version: 1, header: { slots: null, params: null }, db: PLAIN_CONTENT };

describe('Aegis plain export', () => {
  it('imports TOTP and HOTP entries with their parameters', () => {
    const result = parseAegis(PLAIN_VAULT);
    expect(result.format).toBe('aegis');
    expect(result.accounts.map(({ secret, ...rest }) => rest)).toEqual([
      {
        type: 'totp',
        issuer: 'Example',
        account: 'Bob',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      {
        type: 'hotp',
        issuer: 'Counter Co',
        account: 'carol@example.com',
        algorithm: 'SHA512',
        digits: 8,
        period: 30,
        counter: 12,
      },
      { type: 'totp', issuer: '', account: 'slow', algorithm: 'SHA256', digits: 7, period: 60, counter: 0 },
      {
        type: 'steam',
        issuer: 'Steam',
        account: 'gamer',
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
      },
    ]);
    expect(result.accounts[1]?.secret).toEqual(new TextEncoder().encode('12345678901234567890'));
  });

  it('imports the Steam entry as a Steam Guard account with its 5-character code', () => {
    const steam = parseAegis(PLAIN_VAULT).accounts.find((account) => account.type === 'steam');
    expect(steam).toMatchObject({
      issuer: 'Steam',
      account: 'gamer',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
    });
    // The value the shared core checks against an independent node:crypto generator.
    expect(steamCode({ secret: steam?.secret ?? new Uint8Array(1), time: 1_700_000_000_000 })).toBe('2KM2P');
  });

  it('lists Yandex, MD5 and bad-secret entries as skipped with a reason', () => {
    const { skipped } = parseAegis(PLAIN_VAULT);
    expect(skipped).toEqual([
      { label: 'Yandex (y)', reason: expect.stringMatching(/type "yandex" is not supported/) },
      { label: 'Legacy (old)', reason: expect.stringMatching(/MD5/) },
      { label: 'Broken (typo)', reason: expect.stringMatching(/base32/) },
    ]);
  });

  it('asks for a password for an encrypted export and refuses a newer vault version', () => {
    expect(() => parseAegis({ version: 1, header: { slots: [], params: {} }, db: 'AAAA' })).toThrow(
      PasswordRequiredError,
    );
    expect(() => parseAegis({ ...PLAIN_VAULT, version: 2 })).toThrow(NewerVersionError);
    expect(() => parseAegis({ ...PLAIN_VAULT, db: { version: 9, entries: [] } })).toThrow(NewerVersionError);
    expect(() => parseAegis({ ...PLAIN_VAULT, db: { version: 2 } })).toThrow(CorruptFileError);
  });
});

describe('Aegis encrypted export', () => {
  it('decrypts with the password through a password slot and imports the entries', async () => {
    const vault = await encryptedVault(PLAIN_CONTENT, ['hunter2'], {
      extraSlots: [
        {
          type: 2,
          uuid: 'x',
          key: hex(random(32)),
          key_params: { nonce: hex(random(12)), tag: hex(random(16)) },
        },
      ],
    });
    const result = await parseEncryptedAegis(vault, 'hunter2');
    expect(result.format).toBe('aegis-encrypted');
    expect(result.accounts).toEqual(parseAegis(PLAIN_VAULT).accounts);
    expect(result.skipped).toHaveLength(3);
  });

  it('tries every password slot', async () => {
    const vault = await encryptedVault(PLAIN_CONTENT, ['first password', 'p\u00e4ssword two']);
    await expect(parseEncryptedAegis(vault, 'p\u00e4ssword two')).resolves.toMatchObject({
      accounts: { length: 4 },
    });
  });

  it('says the password is wrong when no slot opens', async () => {
    const vault = await encryptedVault(PLAIN_CONTENT, ['hunter2']);
    await expect(parseEncryptedAegis(vault, 'hunter3')).rejects.toThrow(WrongPasswordError);
  });

  it('says the content is damaged when the password is right but the content was altered', async () => {
    const vault = await encryptedVault(PLAIN_CONTENT, ['hunter2']);
    const db = vault.db;
    const altered = { ...vault, db: `${db[0] === 'A' ? 'B' : 'A'}${db.slice(1)}` };
    await expect(parseEncryptedAegis(altered, 'hunter2')).rejects.toThrow(CorruptFileError);
  });

  it('refuses an export that only biometrics can open, and hostile scrypt parameters', async () => {
    const biometricOnly = await encryptedVault(PLAIN_CONTENT, [], {
      extraSlots: [
        { type: 2, key: hex(random(32)), key_params: { nonce: hex(random(12)), tag: hex(random(16)) } },
      ],
    });
    await expect(parseEncryptedAegis(biometricOnly, 'x')).rejects.toThrow(UnsupportedFileError);
    const vault = await encryptedVault(PLAIN_CONTENT, ['hunter2']);
    const greedy = structuredClone(vault);
    (greedy.header.slots[0] as Record<string, unknown>).n = 2 ** 24;
    await expect(parseEncryptedAegis(greedy, 'hunter2')).rejects.toThrow(CorruptFileError);
  });

  it('fails only with its own errors on arbitrary headers', async () => {
    const vault = await encryptedVault({ version: 1, entries: [] }, ['pw']);
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.anything(), fc.anything(), async (slots, params, db) => {
        const document = { version: 1, header: { slots, params }, db };
        try {
          if (isAegisDocument(document)) await parseEncryptedAegis(document, 'pw');
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
        const mixed = { ...vault, header: { ...vault.header, params } };
        await expect(parseEncryptedAegis(mixed, 'pw')).rejects.toBeInstanceOf(TransferError);
      }),
      { numRuns: 100 },
    );
  });
});

describe('Aegis parser on arbitrary input', () => {
  it('returns a result or its own error for any document', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (version, db) => {
        try {
          parseAegis({ version, header: {}, db });
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a result for any list of entries', () => {
    const entry = fc.record(
      {
        type: fc.oneof(fc.constantFrom('totp', 'hotp', 'steam'), fc.anything()),
        name: fc.anything(),
        issuer: fc.anything(),
        info: fc.oneof(
          fc.record({
            secret: fc.oneof(fc.constant('JBSWY3DPEHPK3PXP'), fc.anything()),
            algo: fc.oneof(fc.constantFrom('SHA1', 'SHA256', 'MD5'), fc.anything()),
            digits: fc.anything(),
            period: fc.anything(),
            counter: fc.anything(),
          }),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(entry, fc.anything()), { maxLength: 8 }), (entries) => {
        const result = parseAegis({ version: 1, header: {}, db: { version: 1, entries } });
        // Every entry is either imported or listed with its reason: none is dropped silently.
        expect(result.accounts.length + result.skipped.length).toBe(entries.length);
      }),
      { numRuns: 300 },
    );
  });
});
