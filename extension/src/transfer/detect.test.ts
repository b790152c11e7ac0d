import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../../shared/index.ts';
import { base64Encode } from '../../../shared/internal/base64.ts';
import { createBackup } from './backup.ts';
import { detectAndParse, detectAndParseWithPassword, detectFormat } from './detect.ts';
import {
  CorruptFileError,
  PasswordRequiredError,
  TransferError,
  UnrecognisedFormatError,
  WrongPasswordError,
} from './errors.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
const alice: OtpAccount = {
  type: 'totp',
  secret: random(20),
  issuer: 'Example',
  account: 'alice',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};

const samples = {
  otpauth: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n',
  migration: 'otpauth-migration://offline?data=CgsKBUhlbGxvEgJhEAE%3D\n',
  aegis: JSON.stringify({
    version: 1,
    header: { slots: null, params: null },
    db: { version: 2, entries: [] },
  }),
  'aegis-encrypted': JSON.stringify({ version: 1, header: { slots: [], params: {} }, db: 'AAAA' }),
  '2fas': JSON.stringify({ schemaVersion: 4, services: [] }),
  'browser-authenticator': JSON.stringify({
    abc: { secret: 'JBSWY3DPEHPK3PXP', type: 'totp', encrypted: false },
  }),
};

describe('detectFormat', () => {
  it('recognises every supported format and says which need a password', () => {
    for (const [format, text] of Object.entries(samples)) {
      expect(detectFormat(text), format).toEqual({ format, needsPassword: format === 'aegis-encrypted' });
    }
  });

  it('recognises its own backups as needing a password', async () => {
    const kdf = {
      algorithm: 'scrypt',
      N: 1024,
      r: 8,
      p: 1,
      dkLen: 32,
      salt: base64Encode(random(16)),
    } as const;
    const { text } = await createBackup([alice], 'pw', { now: new Date(), randomBytes: random, kdf });
    expect(detectFormat(text)).toEqual({ format: 'backup', needsPassword: true });
    expect(() => detectAndParse(text)).toThrow(PasswordRequiredError);
    await expect(detectAndParseWithPassword(text, 'wrong')).rejects.toThrow(WrongPasswordError);
    const restored = await detectAndParseWithPassword(text, 'pw');
    expect(restored.format).toBe('backup');
    expect(restored.accounts).toEqual([{ ...alice, pinned: false }]);
  });

  it('tolerates a byte order mark and surrounding blank lines', () => {
    expect(detectFormat(`\uFEFF\n\n${samples['2fas']}\n`).format).toBe('2fas');
  });

  it('says what it expected when nothing is recognised', () => {
    expect(() => detectFormat('hello world')).toThrow(UnrecognisedFormatError);
    expect(() => detectFormat('{"some":"thing"}')).toThrow(UnrecognisedFormatError);
    expect(() => detectFormat('[1,2,3]')).toThrow(UnrecognisedFormatError);
  });

  it('names the formats it reads when a JSON file is none of them', () => {
    expect(() => detectFormat('{"some":"thing"}')).toThrow(
      /Aegis, 2FAS, andOTP, Bitwarden, Ente Auth \(encrypted\), FreeOTP\+, Proton Authenticator, Stratum, the Authenticator extension/,
    );
  });

  it('returns a result or one of its own errors for any file bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        try {
          await detectAndParseWithPassword(bytes, 'pw');
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('says a cut-off JSON export is damaged', () => {
    expect(() => detectFormat(samples.aegis.slice(0, 30))).toThrow(CorruptFileError);
  });
});

describe('detectAndParse', () => {
  it('reads plain formats without a password, and the password variant reads them too', async () => {
    expect(detectAndParse(samples.otpauth).accounts).toHaveLength(1);
    expect((await detectAndParseWithPassword(samples.otpauth, 'ignored')).accounts).toHaveLength(1);
    expect(() => detectAndParse(samples['aegis-encrypted'])).toThrow(PasswordRequiredError);
  });

  it('returns a result or one of its own errors for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          detectAndParse(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('returns a result or one of its own errors for any JSON document', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        try {
          detectAndParse(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('returns a result or one of its own errors for JSON shaped like each format', async () => {
    const shaped = fc.oneof(
      fc.record({ version: fc.anything(), header: fc.object(), db: fc.anything() }),
      fc.record(
        { schemaVersion: fc.integer(), services: fc.anything(), servicesEncrypted: fc.anything() },
        { requiredKeys: ['schemaVersion'] },
      ),
      fc.dictionary(
        fc.string(),
        fc.record({ secret: fc.string(), type: fc.anything(), encrypted: fc.anything() }),
      ),
      fc.record(
        { format: fc.constant('authenticator-backup'), version: fc.anything(), kdf: fc.anything() },
        { requiredKeys: ['format'] },
      ),
      fc.record({
        encrypted: fc.boolean(),
        items: fc.array(fc.record({ name: fc.anything(), login: fc.anything() })),
      }),
      fc.record({ version: fc.anything(), entries: fc.array(fc.record({ content: fc.anything() })) }),
      fc.record({ tokens: fc.array(fc.anything()) }),
      fc.record({ Authenticators: fc.array(fc.anything()) }),
      fc.array(fc.record({ secret: fc.string(), label: fc.anything(), type: fc.anything() }), {
        minLength: 1,
      }),
      fc.record({ schemaVersion: fc.constant(4), servicesEncrypted: fc.string() }),
    );
    await fc.assert(
      fc.asyncProperty(shaped, async (document) => {
        const text = JSON.stringify(document);
        try {
          await detectAndParseWithPassword(text, 'pw');
        } catch (error) {
          expect(error).toBeInstanceOf(TransferError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
