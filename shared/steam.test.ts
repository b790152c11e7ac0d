import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode } from './base32.ts';
import { OtpError } from './errors.ts';
import { formatSteamCode, STEAM_ALPHABET, steamCode } from './steam.ts';
import { totp } from './totp.ts';

/**
 * An independent Steam Guard generator written from the published algorithm with Node's own
 * HMAC: SHA-1 over the big-endian 30-second step, RFC 4226 dynamic truncation, then five
 * base-26 digits (least significant first) in Steam's alphabet.
 */
function referenceSteamCode(secret: Uint8Array, seconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const digest = createHmac('sha1', secret).update(counter).digest();
  const offset = (digest[19] as number) & 0x0f;
  let value = digest.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

const SECRET = base32Decode('JBSWY3DPEHPK3PXP');
const RFC_SEED = new TextEncoder().encode('12345678901234567890');

describe('steamCode', () => {
  const times = [0, 59, 1111111109, 1234567890, 1700000000, 2000000000];
  it.each(times)('gives the code an independent generator gives at %i s', (seconds) => {
    expect(steamCode({ secret: SECRET, time: seconds * 1000 })).toBe(referenceSteamCode(SECRET, seconds));
    expect(steamCode({ secret: RFC_SEED, time: seconds * 1000 })).toBe(referenceSteamCode(RFC_SEED, seconds));
  });

  it('gives these fixed codes for JBSWY3DPEHPK3PXP and the RFC 6238 seed', () => {
    const codes = (secret: Uint8Array) => times.map((seconds) => steamCode({ secret, time: seconds * 1000 }));
    expect(codes(SECRET)).toEqual(['VH8YJ', '2YXGV', 'CWDGV', 'K8G5W', '2KM2P', 'HNCVQ']);
    expect(codes(RFC_SEED)).toEqual(['GG5F5', 'PV9M4', 'PY4YB', 'VHHQY', 'R87JJ', '9N776']);
  });

  it('spells the RFC 4226 Appendix D truncated values in base 26', () => {
    // Appendix D: counter 0 truncates to 1284755224 and counter 1 to 1094287082 (code 287082).
    expect(formatSteamCode(1284755224)).toBe('GG5F5');
    expect(formatSteamCode(1094287082)).toBe('PV9M4');
    expect(steamCode({ secret: RFC_SEED, time: 0 })).toBe('GG5F5');
    expect(steamCode({ secret: RFC_SEED, time: 59_000 })).toBe('PV9M4');
    expect(totp({ secret: RFC_SEED, time: 59_000, digits: 8 })).toBe('94287082');
  });

  it('keeps one code through the whole 30-second step', () => {
    expect(steamCode({ secret: SECRET, time: 1_700_000_010_000 })).toBe(
      steamCode({ secret: SECRET, time: 1_700_000_039_999 }),
    );
  });

  it('matches the independent generator for any secret and time, always 5 characters of the alphabet', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (secret, seconds) => {
          const code = steamCode({ secret, time: seconds * 1000 });
          expect(code).toMatch(new RegExp(`^[${STEAM_ALPHABET}]{5}$`));
          expect(code).toBe(referenceSteamCode(secret, seconds));
        },
      ),
    );
  });

  it('writes the least significant base-26 digit first', () => {
    expect(formatSteamCode(0)).toBe('22222');
    expect(formatSteamCode(1)).toBe('32222');
    expect(formatSteamCode(26)).toBe('23222');
    expect(formatSteamCode(26 ** 5 + 25)).toBe('Y2222');
  });

  it('refuses an empty secret or a time before 1970 with an OtpError', () => {
    expect(() => steamCode({ secret: new Uint8Array(), time: 0 })).toThrow(OtpError);
    expect(() => steamCode({ secret: SECRET, time: -1 })).toThrow(OtpError);
  });
});
