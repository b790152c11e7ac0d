import * as OTPAuth from 'otpauth';
import { ascii, uriFor } from '../../shared/test-support/migration-payloads.ts';
import type { AppAccount } from './independent-codes.ts';

/**
 * Google Authenticator's export QR code text for accounts, its protobuf written out by hand from
 * the published schema (not by the product's encoder). The format has no period (30 s only) and
 * no Steam accounts; MD5 is one of its algorithms, which the product does not import.
 */

export type MigrationAlgorithm = 'SHA1' | 'SHA256' | 'SHA512' | 'MD5';
const ALGORITHMS: Record<MigrationAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3, MD5: 4 };

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  return [...bytes, rest];
}

/** A length-delimited field (wire type 2). */
const field = (number: number, bytes: number[]) => [(number << 3) | 2, ...varint(bytes.length), ...bytes];
/** A varint field (wire type 0). */
const number = (fieldNumber: number, value: number) => [fieldNumber << 3, ...varint(value)];

/** OtpParameters for `app`: name "issuer:account" as Google writes it, and the issuer on its own. */
export function migrationEntry(
  app: AppAccount,
  algorithm: MigrationAlgorithm = app.algorithm ?? 'SHA1',
): number[] {
  if (app.type === 'steam' || (app.period ?? 30) !== 30) {
    throw new Error(`Google Authenticator cannot hold ${app.issuer} (${app.account})`);
  }
  return [
    ...field(1, [...OTPAuth.Secret.fromBase32(app.secret).bytes]),
    ...field(2, ascii(`${app.issuer}:${app.account}`)),
    ...field(3, ascii(app.issuer)),
    ...number(4, ALGORITHMS[algorithm]),
    ...number(5, app.digits === 8 ? 2 : 1),
    ...number(6, app.type === 'hotp' ? 1 : 2),
    ...(app.type === 'hotp' ? number(7, app.counter ?? 0) : []),
  ];
}

/** One export QR code's text holding `entries` (batch `index` of `size`, all with `batchId`). */
export function migrationUri(entries: number[][], index = 0, size = 1, batchId = 4242): string {
  return uriFor([
    ...entries.flatMap((entry) => field(1, entry)),
    ...number(2, 1), // version
    ...number(3, size),
    ...number(4, index),
    ...number(5, batchId),
  ]);
}
