import fc from 'fast-check';
import sodium from 'libsodium-wrappers';
import { describe, expect, it } from 'vitest';
import {
  ENTE_SENSITIVE,
  ENTE_SMALL,
  enteEncrypted,
  enteFile,
  enteKey,
  entePlainText,
  enteUri,
} from '../../../test-support/ente-encrypted-file.ts';
import { otpauthUri } from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse, detectAndParseWithPassword, detectFormat } from '../detect.ts';
import {
  CorruptFileError,
  NewerVersionError,
  PasswordRequiredError,
  TransferError,
  WrongPasswordError,
} from '../errors.ts';

const PASSWORD = 'pässwörd 1234';
const ENTE_TEXT = entePlainText(SAMPLE_ACCOUNTS.map(enteUri));
/** The smallest limits libsodium allows, for properties that read many files. */
const TINY = { memLimit: 64 * 1024, opsLimit: 1 };

const read = async (document: unknown, password = PASSWORD) =>
  detectAndParseWithPassword(JSON.stringify(document), password);

describe('Ente Auth encrypted export', () => {
  it('asks for the password instead of refusing the file', async () => {
    const text = JSON.stringify(await enteEncrypted(PASSWORD, ENTE_TEXT));
    expect(detectFormat(text)).toEqual({ format: 'ente-auth-encrypted', needsPassword: true });
    expect(() => detectAndParse(text)).toThrow(PasswordRequiredError);
  });

  it('imports every account with the codes Ente shows', async () => {
    const result = await read(await enteEncrypted(PASSWORD, ENTE_TEXT));
    expect(result.format).toBe('ente-auth-encrypted');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    expect(result).toMatchObject({ skipped: [], repeats: 0, entries: SAMPLE_ACCOUNTS.length });
  });

  it(
    'reads a file made with the 1 GiB, 4-pass Argon2id limits Ente uses',
    async () => {
      const result = await read(await enteEncrypted(PASSWORD, ENTE_TEXT, ENTE_SENSITIVE));
      expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    },
    5 * 60_000,
  );

  it('says the password is wrong, and imports nothing', async () => {
    const document = await enteEncrypted(PASSWORD, ENTE_TEXT);
    await expect(read(document, 'passwörd 1234')).rejects.toThrow(WrongPasswordError);
    await expect(read(document, 'passwörd 1234')).rejects.toThrow(/does not open this Ente Auth export/);
  });

  it('names the damaged part of a damaged file', async () => {
    const document = await enteEncrypted(PASSWORD, ENTE_TEXT);
    const data = String(document.encryptedData);
    const kdf = document.kdfParams as Record<string, unknown>;
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ encryptedData: data.slice(0, -3) }, /encrypted accounts are damaged/],
      [{ encryptedData: 'AAAA' }, /encrypted accounts are damaged/],
      [{ encryptionNonce: 'AAAA' }, /nonce is damaged/],
      [{ kdfParams: { ...kdf, salt: 'c2FsdA==' } }, /salt is damaged/],
      [{ kdfParams: { ...kdf, memLimit: '8 MiB' } }, /memory limit/],
      [{ kdfParams: { ...kdf, opsLimit: 0 } }, /number of passes/],
      [{ kdfParams: { ...kdf, memLimit: 2 ** 31 } }, /more memory/],
      [{ kdfParams: { ...kdf, memLimit: 2 ** 29, opsLimit: 64 } }, /more work/],
      [{ version: 'one' }, /version/],
    ];
    for (const [change, message] of cases) {
      const attempt = read({ ...document, ...change });
      await expect(attempt, message.source).rejects.toThrow(CorruptFileError);
      await expect(read({ ...document, ...change }), message.source).rejects.toThrow(message);
    }
    const cut = JSON.stringify(document).slice(0, 80);
    await expect(detectAndParseWithPassword(cut, PASSWORD)).rejects.toThrow(CorruptFileError);
  });

  it('says a newer version of the format is not read yet', async () => {
    const document = await enteEncrypted(PASSWORD, ENTE_TEXT);
    await expect(read({ ...document, version: 2 })).rejects.toThrow(NewerVersionError);
  });

  it('says a stream that does not end where Ente ends it is incomplete', async () => {
    // Ente seals the whole export as one chunk tagged FINAL; a chunk with another tag means more was cut off.
    await sodium.ready;
    const salt = new Uint8Array(16).fill(3);
    const key = await enteKey(PASSWORD, salt, ENTE_SMALL);
    const tag = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
    const unfinished = await enteFile(key, salt, ENTE_SMALL, ENTE_TEXT, tag);
    await expect(read(unfinished)).rejects.toThrow(/incomplete/);
    await expect(read(unfinished)).rejects.toThrow(CorruptFileError);
  });

  it('says text that is not UTF-8 is not an Ente export', async () => {
    const document = await enteEncrypted(PASSWORD, new Uint8Array([0xff, 0xfe, 0x00]), TINY);
    await expect(read(document)).rejects.toThrow(/not the text of an Ente Auth export/);
  });

  it('accounts for every line of any decrypted export', async () => {
    const line = fc.oneof(
      fc.constantFrom(...SAMPLE_ACCOUNTS.map(otpauthUri)),
      fc.string().map((text) => text.replace(/[\r\n]/g, ' ')),
      fc.webUrl().map((url) => `otpauth://totp/${encodeURIComponent(url)}?secret=AB`),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), async (lines) => {
        const result = await read(await enteEncrypted('p4ss', entePlainText(lines), TINY), 'p4ss');
        const meaningful = lines.filter((text) => text.trim() !== '' && !text.trim().startsWith('#'));
        expect(result.entries).toBe(meaningful.length);
        expect(accountedFor(result)).toBe(meaningful.length);
      }),
      { numRuns: 30 },
    );
  });

  it('returns a result or one of its own errors for any file shaped like an Ente export', async () => {
    const base64 = (minLength: number, maxLength: number) =>
      fc.uint8Array({ minLength, maxLength }).map((bytes) => Buffer.from(bytes).toString('base64'));
    // Each field mostly as Ente writes it, so that most files reach the key and the cipher.
    const usually = <T>(likely: fc.Arbitrary<T>, other: fc.Arbitrary<unknown> = fc.anything()) =>
      fc.oneof({ arbitrary: likely, weight: 4 }, other, fc.anything());
    const shaped = fc.record({
      version: usually(fc.constant(1)),
      kdfParams: usually(
        fc.record({
          // Small enough to derive quickly; larger valid limits are the reading test's business.
          memLimit: usually(fc.integer({ min: 8192, max: 64 * 1024 }), fc.integer({ min: -10, max: 8192 })),
          opsLimit: usually(fc.integer({ min: 1, max: 2 }), fc.integer({ min: -2, max: 0 })),
          salt: usually(base64(16, 16), base64(0, 40)),
        }),
      ),
      encryptedData: usually(base64(0, 60)),
      encryptionNonce: usually(base64(24, 24), base64(0, 40)),
    });
    await fc.assert(
      fc.asyncProperty(shaped, async (document) => {
        try {
          await read(document, 'pw');
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
