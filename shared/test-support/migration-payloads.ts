/**
 * Export payloads of phone authenticators, written out byte by byte from the protobuf encoding
 * rules (not produced by the code under test), and the accounts they hold.
 */
import type { OtpAccount } from '../account.ts';

export const ascii = (text: string) => [...new TextEncoder().encode(text)];

/** Wraps payload bytes the way the export QR code does, using Node's own base64. */
export function uriFor(payload: number[]): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

export const SECRET_1 = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
export const SECRET_2 = Array.from({ length: 16 }, (_, i) => i);

/**
 * OtpParameters, written out by hand from the protobuf encoding rules: a key byte is
 * (field number << 3) | wire type, 0 = varint, 2 = length-delimited.
 */
export const ENTRY_TOTP = [
  ...[0x0a, 10, ...SECRET_1], // 1 secret: bytes, length 10
  ...[0x12, 25, ...ascii('Example:alice@example.com')], // 2 name
  ...[0x1a, 7, ...ascii('Example')], // 3 issuer
  ...[0x20, 1], // 4 algorithm = SHA1
  ...[0x28, 1], // 5 digits = SIX
  ...[0x30, 2], // 6 type = TOTP
];
export const ENTRY_HOTP = [
  ...[0x0a, 16, ...SECRET_2], // 1 secret
  ...[0x12, 3, ...ascii('bob')], // 2 name; no issuer field
  ...[0x20, 2], // 4 algorithm = SHA256
  ...[0x28, 2], // 5 digits = EIGHT
  ...[0x30, 1], // 6 type = HOTP
  ...[0x38, 0xac, 0x02], // 7 counter = 300 (varint: 0b0101100 | more, 0b10)
];
/** int32 -2 as a varint: sign-extended to 64 bits, ten bytes. */
export const MINUS_TWO = [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];

export function payload(
  entries: number[][],
  trailer: number[] = [0x10, 1, 0x18, 1, 0x28, ...MINUS_TWO],
): number[] {
  return [...entries.flatMap((entry) => [0x0a, entry.length, ...entry]), ...trailer];
}

export const FIXTURE_ACCOUNTS: OtpAccount[] = [
  {
    type: 'totp',
    secret: Uint8Array.from(SECRET_1),
    issuer: 'Example',
    account: 'alice@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  },
  {
    type: 'hotp',
    secret: Uint8Array.from(SECRET_2),
    issuer: '',
    account: 'bob',
    algorithm: 'SHA256',
    digits: 8,
    period: 30,
    counter: 300,
  },
];

export function entryWith(field: number, value: number[]): number[] {
  return [
    ...ENTRY_TOTP.filter((_, i) => i < 2 + 10 + 2 + 25 + 2 + 7),
    0x20,
    1,
    0x28,
    1,
    0x30,
    2,
    field,
    ...value,
  ];
}
