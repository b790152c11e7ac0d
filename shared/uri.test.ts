import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAccount } from './account.ts';
import { base32Decode } from './base32.ts';
import { OtpError } from './errors.ts';
import { validAccount } from './test-support/arbitraries.ts';
import { formatOtpauthUri, parseOtpauthUri } from './uri.ts';

function rejection(uri: string): OtpError {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    if (error instanceof OtpError) return error;
    throw error;
  }
  throw new Error(`expected ${uri} to be rejected`);
}

describe('parseOtpauthUri', () => {
  it('reads the Key URI Format example with issuer in the label and as a parameter', () => {
    expect(
      parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'),
    ).toEqual({
      type: 'totp',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      issuer: 'Example',
      account: 'alice@google.com',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('reads every parameter of a fully specified URI, with percent-encoded spaces', () => {
    const account = parseOtpauthUri(
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60',
    );
    expect(account).toMatchObject({
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
    expect(account.secret).toHaveLength(20);
  });

  it('reads an HOTP URI with its counter', () => {
    expect(parseOtpauthUri('otpauth://hotp/Bank:ann?secret=JBSWY3DPEHPK3PXP&counter=42')).toMatchObject({
      type: 'hotp',
      issuer: 'Bank',
      account: 'ann',
      counter: 42,
      period: 30,
    });
  });

  it('takes the issuer from the label prefix when there is no issuer parameter', () => {
    expect(parseOtpauthUri('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP').issuer).toBe('Example');
  });

  it('takes the issuer from the parameter when there is no label prefix', () => {
    expect(parseOtpauthUri('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example')).toMatchObject({
      issuer: 'Example',
      account: 'alice',
    });
  });

  it('prefers the issuer parameter when it differs from the label prefix', () => {
    expect(
      parseOtpauthUri('otpauth://totp/Old%20Name:alice?secret=JBSWY3DPEHPK3PXP&issuer=New%20Name'),
    ).toMatchObject({
      issuer: 'New Name',
      account: 'alice',
    });
  });

  it('leaves the issuer empty when neither the label nor a parameter names one', () => {
    expect(parseOtpauthUri('otpauth://totp/alice@example.com?secret=JBSWY3DPEHPK3PXP')).toMatchObject({
      issuer: '',
      account: 'alice@example.com',
    });
  });

  it('accepts an encoded colon and spaces after the colon in the label', () => {
    expect(parseOtpauthUri('otpauth://totp/Example%3A%20%20alice?secret=JBSWY3DPEHPK3PXP')).toMatchObject({
      issuer: 'Example',
      account: 'alice',
    });
  });

  it('reads "+" in parameters as a space, as HTML forms encode it', () => {
    expect(parseOtpauthUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=Big+Bank').issuer).toBe(
      'Big Bank',
    );
  });

  it('accepts upper-case scheme, type and lower-case algorithm, and a lower-case secret with padding', () => {
    expect(parseOtpauthUri('OTPAUTH://TOTP/a?secret=jbswy3dpehpk3pxp%3D%3D&algorithm=sha512')).toMatchObject({
      type: 'totp',
      algorithm: 'SHA512',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
    });
  });

  it.each([
    ['otpauth://steam/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam&digits=5', 'Steam'],
    ['otpauth://totp/Steam:gamer?secret=JBSWY3DPEHPK3PXP&issuer=Steam&encoder=steam', 'Steam'],
    ['otpauth://totp/gamer?secret=JBSWY3DPEHPK3PXP&digits=6&period=60&algorithm=SHA256&encoder=Steam', ''],
  ])('reads %s as a Steam account with its fixed SHA1, 5 characters and 30 s', (uri, issuer) => {
    expect(parseOtpauthUri(uri)).toEqual({
      type: 'steam',
      secret: base32Decode('JBSWY3DPEHPK3PXP'),
      issuer,
      account: 'gamer',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
    });
  });

  it('ignores parameters it does not know, such as image, and a fragment', () => {
    expect(
      parseOtpauthUri(
        'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Flogo.png&foo#bar',
      ),
    ).toMatchObject({ account: 'a', digits: 6 });
  });

  it.each([
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', /not an otpauth:\/\/ URI/],
    ['otpauth://motp/a?secret=JBSWY3DPEHPK3PXP', /type "motp" is not supported/],
    ['otpauth://totp/a?issuer=Example', /no "secret" parameter/],
    ['otpauth://totp/a?secret=', /no "secret" parameter/],
    ['otpauth://totp/a?secret=JBSWY3DP!HPK3PXP', /not valid base32: .*"!" at position 9/],
    ['otpauth://totp/a?secret=%3D%3D', /decodes to no bytes/],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=5', /"digits" parameter must be 6 to 8, not 5/],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=9', /"digits" parameter must be 6 to 8, not 9/],
    [
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=six',
      /"digits" parameter must be a whole number, not "six"/,
    ],
    [
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=0',
      /"period" parameter must be 1 to 3600 seconds, not 0/,
    ],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=3601', /"period" parameter must be 1 to 3600/],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=-30', /"period" parameter must be a whole number/],
    ['otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', /algorithm "MD5" is not supported/],
    ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP', /needs a "counter" parameter/],
    ['otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=9007199254740992', /above 2\^53 - 1/],
    [
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=JBSWY3DPEHPK3PXP',
      /"secret" parameter appears more than once/,
    ],
    ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', /label names no account/],
    ['otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP', /label names no account/],
    ['otpauth://totp/a%ZZ?secret=JBSWY3DPEHPK3PXP', /label has a broken percent-encoding/],
    [
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=%E0%A4%A',
      /"issuer" parameter has a broken percent-encoding/,
    ],
  ])('rejects %s saying what is wrong', (uri, message) => {
    const error = rejection(uri);
    expect(error.code).toBe('INVALID_URI');
    expect(error.message).toMatch(message);
  });

  it('only ever returns an account or throws OtpError, whatever the input (property)', () => {
    const uriLike = fc
      .tuple(
        fc.constantFrom('otpauth://', 'OTPAUTH://', 'otpauth:/', ''),
        fc.constantFrom('totp', 'hotp', 'TOTP', 'xotp', ''),
        fc.constantFrom('/', ''),
        fc.string({ maxLength: 20 }),
        fc.array(
          fc.tuple(
            fc.constantFrom('secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image', '', '%'),
            fc.oneof(
              fc.string({ maxLength: 12 }),
              fc.constantFrom('JBSWY3DPEHPK3PXP', '8', '30', 'SHA256', '%E0', '99999999999999999'),
            ),
          ),
          { maxLength: 6 },
        ),
      )
      .map(
        ([scheme, type, slash, label, parameters]) =>
          `${scheme}${type}${slash}${label}?${parameters.map(([name, value]) => `${name}=${value}`).join('&')}`,
      );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), uriLike), (uri) => {
        try {
          const account = parseOtpauthUri(uri);
          return account.secret.length > 0;
        } catch (error) {
          return error instanceof OtpError;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatOtpauthUri', () => {
  const account: OtpAccount = {
    type: 'totp',
    secret: base32Decode('JBSWY3DPEHPK3PXP'),
    issuer: 'ACME Co',
    account: 'john.doe@email.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };

  it('writes issuer in label and parameter, unpadded secret and every parameter explicitly', () => {
    expect(formatOtpauthUri(account)).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes the counter instead of the period for HOTP', () => {
    expect(formatOtpauthUri({ ...account, type: 'hotp', counter: 7 })).toBe(
      'otpauth://hotp/ACME%20Co:john.doe%40email.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&counter=7',
    );
  });

  it('writes a name with a colon and no issuer after an empty issuer, so it reads back whole', () => {
    const named = { ...account, issuer: '', account: 'encoding: ¿äÄéÉ? (demo)' };
    const uri = formatOtpauthUri(named);
    expect(uri).toMatch(/^otpauth:\/\/totp\/:encoding%3A%20%C2%BF/);
    expect(parseOtpauthUri(uri)).toEqual(named);
  });

  it('writes a bare account label when there is no issuer', () => {
    expect(formatOtpauthUri({ ...account, issuer: '' })).toBe(
      'otpauth://totp/john.doe%40email.com?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30',
    );
  });

  it.each([
    [{ account: '' }, /account name must be a non-empty string/],
    [{ issuer: 'A:B' }, /issuer "A:B" must not contain a colon/],
    [{ account: ' alice' }, /must not start or end with spaces/],
    [{ account: 'alice\uD800' }, /unpaired UTF-16 surrogate/],
    [{ issuer: '\uDC00Bank' }, /unpaired UTF-16 surrogate/],
    [{ secret: new Uint8Array(0) }, /secret must be a non-empty byte array/],
    [{ digits: 10 }, /number of digits must be 6 to 8, not 10/],
    [{ period: 0 }, /period must be a whole number of seconds from 1 to 3600, not 0/],
    [{ counter: -1 }, /counter must be a whole number from 0/],
    [{ algorithm: 'SHA3' }, /algorithm must be SHA1, SHA256 or SHA512/],
    [{ type: 'motp' }, /type must be "totp", "hotp" or "steam"/],
    [{ type: 'steam', digits: 6 }, /Steam account has SHA1, 5 characters and 30 seconds/],
  ])('refuses to write an account with %j', (change, message) => {
    expect(() => formatOtpauthUri({ ...account, ...(change as Partial<OtpAccount>) })).toThrow(message);
  });

  it('writes a Steam account as totp with encoder=steam and no digits, which reads back as Steam', () => {
    const steam: OtpAccount = {
      ...account,
      type: 'steam',
      issuer: 'Steam',
      digits: 5,
      period: 30,
      counter: 0,
    };
    const uri = formatOtpauthUri(steam);
    expect(uri).toMatch(
      /^otpauth:\/\/totp\/Steam:[^?]+\?secret=[A-Z2-7]+&issuer=Steam&algorithm=SHA1&period=30&encoder=steam$/,
    );
    expect(parseOtpauthUri(uri)).toEqual(steam);
  });

  it('writes Steam URIs that parse back to the same account (property)', () => {
    fc.assert(
      fc.property(validAccount, (original) => {
        const steam: OtpAccount = {
          ...original,
          type: 'steam',
          algorithm: 'SHA1',
          digits: 5,
          period: 30,
          counter: 0,
        };
        expect(parseOtpauthUri(formatOtpauthUri(steam))).toEqual(steam);
      }),
      { numRuns: 100 },
    );
  });

  it('reads back any name exactly, with or without an issuer (property)', () => {
    // Names as people type them: colons, percent signs, the URI's own delimiters, any script.
    const piece = fc.string({ maxLength: 8, unit: 'grapheme' });
    const delimiter = fc.constantFrom(':', '%', '%3A', '?', '#', '&', '=', '+', '/', ' ', ': ');
    const name = fc
      .array(fc.oneof(piece, delimiter), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join('').trim())
      .filter((text) => text !== '');
    const issuer = fc.oneof(
      fc.constant(''),
      piece.map((text) => text.replaceAll(':', '').trim()),
    );
    fc.assert(
      fc.property(name, issuer, (accountName, issuerName) => {
        const original: OtpAccount = { ...account, issuer: issuerName, account: accountName };
        expect(parseOtpauthUri(formatOtpauthUri(original))).toEqual(original);
      }),
      { numRuns: 500 },
    );
  });

  it('writes URIs that parse back to the same account (property)', () => {
    fc.assert(
      fc.property(validAccount, (original) => {
        expect(parseOtpauthUri(formatOtpauthUri(original))).toEqual(original);
      }),
      { numRuns: 300 },
    );
  });
});
