import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, encodeMigrationUris } from '../../../shared/index.ts';
import { classifyQrText } from './classify.ts';

describe('classifying the text of a scanned QR code', () => {
  it('turns an otpauth URI into the account it describes', () => {
    const outcome = classifyQrText(
      'otpauth://totp/Example:ana@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=8&period=60',
    );
    expect(outcome.kind).toBe('accounts');
    if (outcome.kind !== 'accounts') return;
    expect(outcome.accounts).toHaveLength(1);
    expect(outcome.accounts[0]).toMatchObject({
      issuer: 'Example',
      account: 'ana@example.com',
      digits: 8,
      period: 60,
    });
  });

  it('turns an export QR code into all the accounts it carries', () => {
    const secret = base32Decode('JBSWY3DPEHPK3PXP');
    const accounts = ['a', 'b', 'c'].map((name) => ({
      type: 'totp' as const,
      secret,
      issuer: 'Example',
      account: name,
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
    }));
    const [uri] = encodeMigrationUris(accounts);
    const outcome = classifyQrText(uri ?? '');
    expect(outcome.kind === 'accounts' && outcome.accounts.map((a) => a.account)).toEqual(['a', 'b', 'c']);
  });

  it('says when no QR code was found', () => {
    expect(classifyQrText(null)).toMatchObject({
      kind: 'no-qr',
      message: expect.stringContaining('No QR code was found'),
    });
  });

  it('says a web link is not a two-factor code', () => {
    expect(classifyQrText('https://example.com/menu')).toMatchObject({ kind: 'not-otp' });
  });

  it('names the unsupported setting', () => {
    const outcome = classifyQrText('otpauth://totp/Example:ana?secret=JBSWY3DPEHPK3PXP&algorithm=MD5');
    expect(outcome.kind).toBe('unsupported');
    expect(outcome.kind !== 'accounts' && outcome.message).toContain('MD5');
  });

  it('says what is wrong with a malformed setup code', () => {
    const outcome = classifyQrText('otpauth://totp/Example:ana?issuer=Example');
    expect(outcome).toMatchObject({ kind: 'invalid', message: expect.stringContaining('secret') });
  });

  it('never throws on arbitrary text, only reports an outcome', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `otpauth://${s}`),
          fc.string().map((s) => `otpauth-migration://offline?data=${s}`),
        ),
        (text) => {
          expect(['accounts', 'not-otp', 'invalid', 'unsupported']).toContain(classifyQrText(text).kind);
        },
      ),
    );
  });
});
