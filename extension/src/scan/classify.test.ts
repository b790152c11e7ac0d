import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, encodeMigrationUris } from '../../../shared/index.ts';
import { classifyQrText, classifyQrTexts } from './classify.ts';

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
    expect('message' in outcome && outcome.message).toContain('MD5');
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

describe('classifying every QR code one scan found', () => {
  const otp = (issuer: string) => `otpauth://totp/${issuer}:ana?secret=JBSWY3DPEHPK3PXP&issuer=${issuer}`;

  it('offers the one setup code beside a web address, skipping the address', () => {
    const outcome = classifyQrTexts(['https://apps.example.com/app', otp('Bank')], 'page');
    expect(outcome.kind === 'accounts' && outcome.accounts.map((a) => a.issuer)).toEqual(['Bank']);
  });

  it('lets the user choose when there are several setup codes', () => {
    const outcome = classifyQrTexts([otp('Work'), 'https://example.com', otp('Payroll')], 'page');
    expect(outcome.kind).toBe('choose');
    if (outcome.kind !== 'choose') return;
    expect(outcome.codes.map((code) => code[0]?.issuer)).toEqual(['Work', 'Payroll']);
  });

  it('says plainly when the only code on the page is a web address', () => {
    expect(classifyQrTexts(['https://apps.example.com/app'], 'page')).toMatchObject({
      kind: 'not-otp',
      message: expect.stringContaining(
        'The QR code on this page is a web address, not a two-factor setup code.',
      ),
    });
    expect(classifyQrTexts(['https://a.example', 'http://b.example'], 'selection')).toMatchObject({
      message: expect.stringContaining('The 2 QR codes you selected are web addresses'),
    });
    expect(classifyQrTexts(['WIFI:S:cafe;;'], 'page')).toMatchObject({
      message: expect.stringContaining('does not start with otpauth://'),
    });
  });

  it('prefers what is wrong with a broken setup code to the web address beside it', () => {
    const outcome = classifyQrTexts(['https://example.com', 'otpauth://totp/x?issuer=Example'], 'page');
    expect(outcome).toMatchObject({ kind: 'invalid', message: expect.stringContaining('secret') });
  });

  it('says no code was found when there was none', () => {
    expect(classifyQrTexts([], 'page').kind).toBe('no-qr');
  });

  it('never throws on any list of texts', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.webUrl(), fc.constant(otp('Same')))), (texts) => {
        const outcome = classifyQrTexts(texts, 'page');
        const setupCodes = texts.filter((text) => text === otp('Same')).length;
        if (setupCodes === 1) expect(outcome.kind).toBe('accounts');
        if (setupCodes > 1) expect(outcome.kind).toBe('choose');
      }),
    );
  });
});
