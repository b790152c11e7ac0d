import { createDecipheriv, scryptSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asAccount, countCorrect, SAMPLE_ACCOUNTS, sameCodes } from '../../test-support/independent-codes.ts';
import { randomBytes } from '../platform/random.ts';
import { detectAndParse, detectAndParseWithPassword } from './detect.ts';
import { WrongPasswordError } from './errors.ts';
import { AEGIS_SCRYPT, aegisEncryptedExport, aegisPlainExport } from './export-aegis.ts';
import { twoFasExport } from './export-two-fas.ts';

const now = new Date(2026, 11, 3, 9, 0);
const accounts = SAMPLE_ACCOUNTS.map(asAccount);
const PASSWORD = 'Aegis pässword';

describe('exports for other apps', () => {
  it('writes a plain Aegis vault that imports back with the same codes', () => {
    const file = aegisPlainExport(accounts, { now, randomBytes });
    expect(file.fileName).toBe('aegis-export-plain-2026-12-03.json');
    const vault = JSON.parse(file.text);
    expect(vault).toMatchObject({ version: 1, header: { slots: null, params: null }, db: { version: 3 } });
    const result = detectAndParse(file.text);
    expect(result.format).toBe('aegis');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('writes an encrypted Aegis vault that opens as Aegis opens it: scrypt slot, then AES-GCM', async () => {
    const file = await aegisEncryptedExport(accounts, PASSWORD, { now, randomBytes });
    expect(file.fileName).toBe('aegis-export-2026-12-03.json');
    const vault = JSON.parse(file.text);
    // Opened with Node's own scrypt and AES-GCM, following docs/vault.md step by step.
    const [slot] = vault.header.slots;
    expect(slot).toMatchObject({ type: 1, n: AEGIS_SCRYPT.N, r: 8, p: 1 });
    const hex = (text: string) => Buffer.from(text, 'hex');
    const slotKey = scryptSync(PASSWORD, hex(slot.salt), 32, {
      N: slot.n,
      r: slot.r,
      p: slot.p,
      maxmem: 64 * 2 ** 20,
    });
    const unwrap = createDecipheriv('aes-256-gcm', slotKey, hex(slot.key_params.nonce)).setAuthTag(
      hex(slot.key_params.tag),
    );
    const masterKey = Buffer.concat([unwrap.update(hex(slot.key)), unwrap.final()]);
    const open = createDecipheriv('aes-256-gcm', masterKey, hex(vault.header.params.nonce)).setAuthTag(
      hex(vault.header.params.tag),
    );
    const db = JSON.parse(
      Buffer.concat([open.update(Buffer.from(vault.db, 'base64')), open.final()]).toString('utf8'),
    );
    expect(db.entries.map((entry: { name: string }) => entry.name)).toEqual(
      SAMPLE_ACCOUNTS.map((app) => app.account),
    );

    const result = await detectAndParseWithPassword(file.text, PASSWORD);
    expect(result.format).toBe('aegis-encrypted');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    await expect(detectAndParseWithPassword(file.text, 'aegis password')).rejects.toThrow(WrongPasswordError);
  });

  it('writes a 2FAS backup that imports back with the same codes', () => {
    const file = twoFasExport(accounts, { now });
    expect(file.fileName).toBe('2fas-backup-2026-12-03.2fas');
    expect(JSON.parse(file.text)).toMatchObject({ schemaVersion: 4, groups: [] });
    const result = detectAndParse(file.text);
    expect(result.format).toBe('2fas');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
  });

  it('keeps every account of any list through both plain exports', () => {
    const app = fc.record({
      type: fc.constantFrom('totp' as const, 'hotp' as const, 'steam' as const),
      secret: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => Buffer.from(bytes)),
      issuer: fc.constantFrom('', 'Example', 'Ünï Ltd', 'a b'),
      account: fc.string({ minLength: 1, maxLength: 20 }).map((name) => name.replace(/[:\s]/g, 'x')),
      algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
      digits: fc.integer({ min: 6, max: 8 }),
      period: fc.constantFrom(15, 30, 60),
      counter: fc.nat(1000),
    });
    fc.assert(
      fc.property(fc.array(app, { maxLength: 6 }), (apps) => {
        const list = apps.map((a) => ({
          ...a,
          secret: new Uint8Array(a.secret),
          algorithm: a.type === 'steam' ? ('SHA1' as const) : a.algorithm,
          digits: a.type === 'steam' ? 5 : a.digits,
          period: a.type === 'totp' ? a.period : 30,
          counter: a.type === 'hotp' ? a.counter : 0,
        }));
        const files = [aegisPlainExport(list, { now, randomBytes }).text, twoFasExport(list, { now }).text];
        for (const [index, text] of files.entries()) {
          const result = detectAndParse(text);
          expect(result.entries).toBe(list.length);
          expect(result.accounts.length + result.repeats + result.skipped.length).toBe(list.length);
          for (const account of result.accounts) {
            const original = list.find(
              (a) => Buffer.compare(Buffer.from(a.secret), Buffer.from(account.secret)) === 0,
            );
            // 2FAS needs a service name: an account without an issuer is named after itself there.
            const issuer = index === 1 && original?.issuer === '' ? original.account : original?.issuer;
            expect(account).toEqual(original && { ...original, issuer, secret: account.secret });
          }
        }
      }),
      { numRuns: 150 },
    );
    expect(sameCodes(accounts[0] as never, SAMPLE_ACCOUNTS[0] as never)).toBe(true);
  });
});
