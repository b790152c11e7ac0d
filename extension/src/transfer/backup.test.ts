import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode } from '../../../shared/index.ts';
import { base64Decode, base64Encode } from '../../../shared/internal/base64.ts';
import { encodePng } from '../../build/png.ts';
import { iconUrl } from '../accounts/site-icon.ts';
import type { ScryptParams } from '../crypto/kdf.ts';
import { backupFileName, createBackup, readBackup } from './backup.ts';
import type { BackupAccount } from './backup-account.ts';
import {
  CorruptFileError,
  NewerVersionError,
  NotABackupError,
  TransferError,
  WrongPasswordError,
} from './errors.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
// Low-cost parameters keep the suite fast; the defaults are checked once below.
const fastKdf = () => ({
  algorithm: 'argon2id' as const,
  memoryKiB: 256,
  iterations: 1,
  parallelism: 1,
  dkLen: 32 as const,
  salt: base64Encode(random(16)),
});
/** What earlier releases wrote: version 1 files with scrypt. */
const scryptKdf = (N: number): ScryptParams => ({
  algorithm: 'scrypt',
  N,
  r: 8,
  p: 1,
  dkLen: 32,
  salt: base64Encode(random(16)),
});
const now = new Date(2026, 10, 23, 9, 30);

const accounts: BackupAccount[] = [
  {
    type: 'totp',
    secret: base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
    issuer: 'Example',
    account: 'alice@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pinned: true,
    site: 'https://login.example.com',
    icon: iconUrl(new Uint8Array(encodePng(32, 32, new Uint8Array(32 * 32 * 4).fill(120)))),
  },
  {
    type: 'hotp',
    secret: random(32),
    issuer: '',
    account: 'bob',
    algorithm: 'SHA512',
    digits: 8,
    period: 30,
    counter: 42,
  },
  {
    type: 'totp',
    secret: random(20),
    issuer: 'Büro Ünïcode',
    account: 'carol:work',
    algorithm: 'SHA256',
    digits: 7,
    period: 60,
    counter: 0,
    pinned: false,
  },
];

async function backupText(password = 'correct horse battery staple'): Promise<string> {
  return (await createBackup(accounts, password, { now, randomBytes: random, kdf: fastKdf() })).text;
}

function edit(text: string, change: (document: Record<string, unknown>) => void): string {
  const document = JSON.parse(text) as Record<string, unknown>;
  change(document);
  return JSON.stringify(document);
}

describe('createBackup and readBackup', () => {
  it('restores every account with all its fields, its pinned flag, its site and its order', async () => {
    const restored = await readBackup(await backupText(), 'correct horse battery staple');
    expect(restored.createdAt).toBe(now.toISOString());
    expect(restored.accounts).toEqual(
      accounts.map((account) => ({ ...account, pinned: account.pinned === true })),
    );
  });

  it('restores the other accounts and fields of a file whose icon is damaged, leaving the icon out', async () => {
    const damaged = accounts.map((account, i) =>
      i === 0 ? { ...account, icon: 'data:image/png;base64,not a png' } : account,
    );
    const file = await createBackup(damaged, 'pw', { now, randomBytes: random, kdf: fastKdf() });
    const restored = await readBackup(file.text, 'pw');
    expect(restored.accounts).toHaveLength(accounts.length);
    expect(restored.accounts[0]).not.toHaveProperty('icon');
    expect(restored.accounts[0]).toMatchObject({ issuer: 'Example', site: 'https://login.example.com' });
  });

  it('names the file authenticator-backup-YYYY-MM-DD.json with the local date', async () => {
    const file = await createBackup(accounts, 'pw', { now, randomBytes: random, kdf: fastKdf() });
    expect(file.fileName).toBe('authenticator-backup-2026-11-23.json');
    expect(backupFileName(new Date(2027, 0, 5, 23, 59))).toBe('authenticator-backup-2027-01-05.json');
  });

  it('writes a versioned document whose secrets are not readable without the password', async () => {
    const file = await createBackup(accounts, 'pw', { now, randomBytes: random });
    const document = JSON.parse(file.text);
    expect(Object.keys(document).sort()).toEqual([
      'check',
      'ciphertext',
      'createdAt',
      'format',
      'iv',
      'kdf',
      'version',
    ]);
    expect(document).toMatchObject({ format: 'authenticator-backup', version: 2 });
    expect(document.kdf).toEqual({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 1,
      dkLen: 32,
      salt: document.kdf.salt,
    });
    expect(base64Decode(document.kdf.salt)).toHaveLength(16);
    expect(file.text).not.toContain('GEZDGNBV');
    expect(file.text).not.toContain('alice');
  });

  it('restores the version 1 scrypt backups of earlier releases (N=2^15 and N=2^17)', async () => {
    for (const N of [2 ** 15, 2 ** 17]) {
      const file = await createBackup(accounts, 'older backup pw', {
        now,
        randomBytes: random,
        kdf: scryptKdf(N),
      });
      expect(JSON.parse(file.text)).toMatchObject({ version: 1, kdf: { algorithm: 'scrypt', N } });
      const restored = await readBackup(file.text, 'older backup pw');
      expect(restored.accounts.map((a) => a.account)).toEqual(accounts.map((a) => a.account));
    }
  });

  it('says a file whose version and key derivation disagree is damaged', async () => {
    const current = await backupText();
    const older = (await createBackup(accounts, 'pw', { now, randomBytes: random, kdf: scryptKdf(1024) }))
      .text;
    const claimsOld = edit(current, (document) => {
      document.version = 1;
    });
    const claimsNew = edit(older, (document) => {
      document.version = 2;
    });
    await expect(readBackup(claimsOld, 'correct horse battery staple')).rejects.toThrow(CorruptFileError);
    await expect(readBackup(claimsNew, 'pw')).rejects.toThrow(CorruptFileError);
  });

  it('never opens a file whose Argon2id cost was lowered to make guessing cheaper', async () => {
    const text = edit(await backupText(), (document) => {
      (document.kdf as Record<string, unknown>).memoryKiB = 128;
    });
    // Another cost derives another key, so even the right password is refused.
    await expect(readBackup(text, 'correct horse battery staple')).rejects.toThrow(WrongPasswordError);
  });

  it('accepts the password typed in another Unicode normalisation form', async () => {
    const text = await backupText('caf\u00e9');
    await expect(readBackup(text, 'cafe\u0301')).resolves.toMatchObject({ accounts: { length: 3 } });
  });

  it('restores a file that an editor saved with a byte order mark', async () => {
    const text = await backupText('pw');
    await expect(readBackup(`\uFEFF${text}`, 'pw')).resolves.toMatchObject({ accounts: { length: 3 } });
  });

  it('backs up an empty account list', async () => {
    const file = await createBackup([], 'pw', { now, randomBytes: random, kdf: fastKdf() });
    expect((await readBackup(file.text, 'pw')).accounts).toEqual([]);
  });

  it('refuses to make a backup without a password', async () => {
    await expect(createBackup(accounts, '', { now, randomBytes: random })).rejects.toThrow(
      /needs a password/,
    );
  });
});

describe('readBackup errors', () => {
  it('says the password is wrong when it is', async () => {
    const text = await backupText();
    await expect(readBackup(text, 'Correct horse battery staple')).rejects.toThrow(WrongPasswordError);
    await expect(readBackup(text, '')).rejects.toThrow(WrongPasswordError);
  });

  it('says a truncated file is damaged, not that the password is wrong', async () => {
    const text = await backupText();
    for (const length of [1, 20, text.length / 2, text.length - 3]) {
      await expect(readBackup(text.slice(0, length), 'correct horse battery staple')).rejects.toThrow(
        CorruptFileError,
      );
    }
  });

  it('says a file with altered encrypted data or header is damaged', async () => {
    const text = await backupText();
    const flipped = edit(text, (document) => {
      const bytes = base64Decode(document.ciphertext as string);
      bytes[5] = (bytes[5] ?? 0) ^ 1;
      document.ciphertext = base64Encode(bytes);
    });
    const redated = edit(text, (document) => {
      document.createdAt = '2020-01-01T00:00:00.000Z';
    });
    const extended = edit(text, (document) => {
      document.note = 'added later';
    });
    const cut = edit(text, (document) => {
      document.ciphertext = (document.ciphertext as string).slice(0, 16);
    });
    for (const damaged of [flipped, redated, extended, cut]) {
      await expect(readBackup(damaged, 'correct horse battery staple')).rejects.toThrow(CorruptFileError);
    }
  });

  it('refuses key derivation parameters that would exhaust memory, before deriving anything', async () => {
    const text = edit(await backupText(), (document) => {
      (document.kdf as Record<string, unknown>).memoryKiB = 2 ** 30;
    });
    await expect(readBackup(text, 'correct horse battery staple')).rejects.toThrow(CorruptFileError);
  });

  it('asks for a newer release when the format version is newer', async () => {
    const text = edit(await backupText(), (document) => {
      document.version = 3;
      document.kdf = { algorithm: 'balloon' };
    });
    await expect(readBackup(text, 'correct horse battery staple')).rejects.toThrow(NewerVersionError);
  });

  it('says other files are not backups', async () => {
    for (const other of [
      '',
      'hello',
      '[]',
      '{"version":1,"header":{},"db":{}}',
      'otpauth://totp/a?secret=AAAA',
      'null',
    ]) {
      await expect(readBackup(other, 'pw')).rejects.toThrow(NotABackupError);
    }
  });

  it('never fails with anything but its own errors, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (text) => {
        await expect(readBackup(text, 'pw')).rejects.toBeInstanceOf(TransferError);
      }),
    );
  });

  it('never fails with anything but its own errors when a real backup is mangled', async () => {
    const text = await backupText('pw');
    await fc.assert(
      fc.asyncProperty(
        fc.nat(text.length - 1),
        fc.nat(40),
        fc.string({ maxLength: 3 }),
        async (at, cut, insert) => {
          const mangled = text.slice(0, at) + insert + text.slice(at + cut);
          fc.pre(mangled !== text);
          try {
            await readBackup(mangled, 'pw');
          } catch (error) {
            expect(error).toBeInstanceOf(TransferError);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
