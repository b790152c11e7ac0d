import { createHmac } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { hotp, type OtpAccount, steamCode, totp } from '../../shared/index.ts';

/**
 * Codes of imported accounts checked against an independent generator: the `otpauth` package for
 * TOTP and HOTP, Node's own HMAC for Steam Guard (which `otpauth` does not make). The account as
 * the other app holds it is described by `AppAccount`; the test builds the file from it.
 */
export interface AppAccount {
  type: 'totp' | 'hotp' | 'steam';
  /** base32, as the other app shows it */
  secret: string;
  issuer: string;
  account: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
  counter?: number;
}

/** Fixed times (ms): RFC 6238's test times and a few later ones. */
export const FIXED_TIMES = [
  59_000, 1_111_111_109_000, 1_234_567_890_000, 2_000_000_000_000, 20_000_000_000_000,
];

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

function referenceSteam(secret: Uint8Array, time: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[19] as number) & 0xf;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

/** What the other app shows for `app` at `time` (for HOTP: at counter + the time's index). */
export function referenceCode(app: AppAccount, time: number): string {
  const secret = OTPAuth.Secret.fromBase32(app.secret.replace(/\s/g, '').toUpperCase());
  if (app.type === 'steam') return referenceSteam(new Uint8Array(secret.bytes), time);
  const common = { secret, algorithm: app.algorithm ?? 'SHA1', digits: app.digits ?? 6 };
  if (app.type === 'hotp') return new OTPAuth.HOTP(common).generate({ counter: app.counter ?? 0 });
  return new OTPAuth.TOTP({ ...common, period: app.period ?? 30 }).generate({ timestamp: time });
}

/** What this extension shows for the imported account at `time`. */
export function productCode(account: OtpAccount, time: number): string {
  if (account.type === 'steam') return steamCode({ secret: account.secret, time });
  if (account.type === 'hotp') {
    return hotp({
      secret: account.secret,
      counter: account.counter,
      algorithm: account.algorithm,
      digits: account.digits,
    });
  }
  return totp({
    secret: account.secret,
    time,
    period: account.period,
    algorithm: account.algorithm,
    digits: account.digits,
  });
}

/** True when the imported account shows the other app's codes at every fixed time. */
export function sameCodes(account: OtpAccount, app: AppAccount): boolean {
  return FIXED_TIMES.every((time) => productCode(account, time) === referenceCode(app, time));
}

/**
 * How many of `apps` were imported with the right codes: each is matched by issuer and name to
 * an imported account, whose codes must equal the other app's.
 */
export function countCorrect(accounts: readonly OtpAccount[], apps: readonly AppAccount[]): number {
  return apps.filter((app) => {
    const account = accounts.find((a) => a.issuer === app.issuer && a.account === app.account);
    return account !== undefined && sameCodes(account, app);
  }).length;
}

/** Signed Java bytes, as FreeOTP+ writes a secret. */
export function javaBytes(base32: string): number[] {
  return Array.from(OTPAuth.Secret.fromBase32(base32).bytes, (byte) => (byte > 127 ? byte - 256 : byte));
}

/** A sample of accounts every format can hold, with awkward names and every algorithm. */
export const SAMPLE_ACCOUNTS: AppAccount[] = [
  { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', account: 'alice@example.com' },
  {
    type: 'totp',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    issuer: 'Bank',
    account: 'bob',
    algorithm: 'SHA256',
    digits: 8,
  },
  {
    type: 'totp',
    secret: 'KRUGS4ZANFZSAYJAMZ4GK3TU',
    issuer: 'Ünïcödé Ltd',
    account: 'carol ç',
    algorithm: 'SHA512',
    period: 60,
  },
  { type: 'hotp', secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Counter Co', account: 'dave', counter: 7 },
  { type: 'steam', secret: 'ONSWG4TFORZXG5DFMFWQ', issuer: 'Steam', account: 'gamer' },
];

/** Every entry of a file is accounted for: imported, skipped with a reason, or a counted repeat. */
export function accountedFor(result: {
  accounts: unknown[];
  skipped: unknown[];
  repeats: number;
  entries: number;
}): number {
  return result.accounts.length + result.skipped.length + result.repeats;
}

/** The account as this extension holds it, for `app`. */
export function asAccount(app: AppAccount): OtpAccount {
  return {
    type: app.type,
    secret: new Uint8Array(OTPAuth.Secret.fromBase32(app.secret).bytes),
    issuer: app.issuer,
    account: app.account,
    algorithm: app.algorithm ?? 'SHA1',
    digits: app.type === 'steam' ? 5 : (app.digits ?? 6),
    period: app.period ?? 30,
    counter: app.counter ?? 0,
  };
}
