/**
 * Independent implementations as oracles: the `otpauth` and `otplib` packages must agree with
 * the shared core on codes, verification and URIs for random secrets, times and accounts.
 * These vectors are generated afresh on every run, not stored in the repository.
 */
import fc from 'fast-check';
import * as OTPAuth from 'otpauth';
import { generateSync, generateURI } from 'otplib';
import { describe, expect, it } from 'vitest';
import type { HashAlgorithm } from './account.ts';
import { hotp } from './hotp.ts';
import { totp, verifyTotp } from './totp.ts';
import { formatOtpauthUri, parseOtpauthUri } from './uri.ts';

const algorithm = fc.constantFrom<HashAlgorithm>('SHA1', 'SHA256', 'SHA512');
const digits = fc.integer({ min: 6, max: 8 });
const time = fc.integer({ min: 0, max: 32_503_680_000_000 }); // up to the year 3000
const secretBytes = fc.uint8Array({ minLength: 1, maxLength: 100 });
/** otplib refuses secrets under 16 bytes, as RFC 4226 §4 requires. */
const longSecretBytes = fc.uint8Array({ minLength: 16, maxLength: 100 });
const text = (maxLength: number) =>
  fc
    .string({ minLength: 1, maxLength, unit: 'grapheme' })
    .map((value) => value.replaceAll(':', '').trim())
    .filter((value) => value !== '');

const otpauthSecret = (bytes: Uint8Array) => new OTPAuth.Secret({ buffer: bytes.slice().buffer });
const lower = (name: HashAlgorithm) => name.toLowerCase() as 'sha1' | 'sha256' | 'sha512';

describe('agreement with the otpauth and otplib packages', () => {
  it('generates the same TOTP codes as otpauth for random secrets, times and settings', () => {
    fc.assert(
      fc.property(
        secretBytes,
        time,
        algorithm,
        digits,
        fc.integer({ min: 1, max: 3600 }),
        (secret, now, alg, n, period) => {
          const expected = OTPAuth.TOTP.generate({
            secret: otpauthSecret(secret),
            algorithm: alg,
            digits: n,
            period,
            timestamp: now,
          });
          expect(totp({ secret, time: now, algorithm: alg, digits: n, period })).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generates the same TOTP codes as otplib for random secrets, times and settings', () => {
    fc.assert(
      fc.property(
        longSecretBytes,
        time,
        algorithm,
        digits,
        fc.integer({ min: 1, max: 3600 }),
        (secret, now, alg, n, period) => {
          const expected = generateSync({
            secret,
            algorithm: lower(alg),
            digits: n as 6 | 7 | 8,
            period,
            epoch: Math.floor(now / 1000),
          });
          expect(
            totp({ secret, time: Math.floor(now / 1000) * 1000, algorithm: alg, digits: n, period }),
          ).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generates the same HOTP codes as both packages, up to counters near 2^53', () => {
    fc.assert(
      fc.property(longSecretBytes, fc.maxSafeNat(), algorithm, digits, (secret, counter, alg, n) => {
        const ours = hotp({ secret, counter, algorithm: alg, digits: n });
        expect(ours).toBe(
          OTPAuth.HOTP.generate({ secret: otpauthSecret(secret), counter, algorithm: alg, digits: n }),
        );
        expect(ours).toBe(
          generateSync({ strategy: 'hotp', secret, counter, algorithm: lower(alg), digits: n as 6 | 7 | 8 }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same step offset as otpauth when verifying codes near the current step', () => {
    fc.assert(
      fc.property(
        secretBytes,
        time,
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (secret, now, shift, window) => {
          fc.pre(now + shift * 30_000 >= 0);
          const token = totp({ secret, time: now + shift * 30_000 });
          const expected = OTPAuth.TOTP.validate({
            secret: otpauthSecret(secret),
            token,
            timestamp: now,
            window,
          });
          expect(verifyTotp({ secret, token, time: now, window })).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses the URIs otpauth writes, with and without the issuer in the label', () => {
    fc.assert(
      fc.property(
        secretBytes,
        fc.option(text(20), { nil: undefined }),
        text(30),
        algorithm,
        digits,
        fc.integer({ min: 1, max: 3600 }),
        fc.boolean(),
        (secret, issuer, label, alg, n, period, issuerInLabel) => {
          const uri = new OTPAuth.TOTP({
            issuer: issuer ?? '',
            label,
            secret: otpauthSecret(secret),
            algorithm: alg,
            digits: n,
            period,
            issuerInLabel,
          }).toString();
          expect(parseOtpauthUri(uri)).toEqual({
            type: 'totp',
            secret,
            issuer: issuer ?? '',
            account: label,
            algorithm: alg,
            digits: n,
            period,
            counter: 0,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parses the HOTP URIs otpauth writes, counter included', () => {
    fc.assert(
      fc.property(secretBytes, text(20), text(30), fc.maxSafeNat(), (secret, issuer, label, counter) => {
        const uri = new OTPAuth.HOTP({ issuer, label, secret: otpauthSecret(secret), counter }).toString();
        expect(parseOtpauthUri(uri)).toMatchObject({ type: 'hotp', secret, issuer, account: label, counter });
      }),
    );
  });

  it('parses the URIs otplib writes', () => {
    fc.assert(
      fc.property(longSecretBytes, text(20), text(30), algorithm, digits, (secret, issuer, label, alg, n) => {
        const uri = generateURI({
          issuer,
          label,
          secret: otpauthSecret(secret).base32,
          algorithm: lower(alg),
          digits: n as 6 | 7 | 8,
          period: 30,
        });
        expect(parseOtpauthUri(uri)).toMatchObject({
          secret,
          issuer,
          account: label,
          algorithm: alg,
          digits: n,
        });
      }),
    );
  });

  it('writes URIs that otpauth reads back as the same account', () => {
    fc.assert(
      fc.property(
        secretBytes,
        text(20),
        text(30),
        algorithm,
        digits,
        fc.integer({ min: 1, max: 3600 }),
        (secret, issuer, account, alg, n, period) => {
          const uri = formatOtpauthUri({
            type: 'totp',
            secret,
            issuer,
            account,
            algorithm: alg,
            digits: n,
            period,
            counter: 0,
          });
          const parsed = OTPAuth.URI.parse(uri) as OTPAuth.TOTP;
          expect(parsed).toBeInstanceOf(OTPAuth.TOTP);
          expect(parsed.issuer).toBe(issuer);
          expect(parsed.label).toBe(account);
          expect(parsed.algorithm).toBe(alg);
          expect(parsed.digits).toBe(n);
          expect(parsed.period).toBe(period);
          expect(new Uint8Array(parsed.secret.bytes)).toEqual(secret);
        },
      ),
    );
  });

  it('writes names with a colon and no issuer so that otpauth reads the whole name and no issuer', () => {
    fc.assert(
      fc.property(secretBytes, text(12), text(12), (secret, before, after) => {
        const account = `${before}:${after}`;
        const uri = formatOtpauthUri({
          type: 'totp',
          secret,
          issuer: '',
          account,
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
        });
        const parsed = OTPAuth.URI.parse(uri);
        expect(parsed.issuer).toBe('');
        expect(parsed.label).toBe(account);
      }),
    );
  });
});
