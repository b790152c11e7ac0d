/**
 * Moving accounts in and out of the extension. What a user waits for is the password step
 * (Argon2id in WebAssembly, as the browser runs it, against native Argon2id and the scrypt of earlier releases),
 * then the encryption and the parsing of a 200-account file, compared with Node's native AES-GCM
 * and with the `otpauth` package parsing the same URIs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { hashRaw } from '@node-rs/argon2';
import * as OTPAuth from 'otpauth';
import type { Harness } from '../../shared/bench/harness.ts';
import type { OtpAccount } from '../../shared/index.ts';
import { base64Decode } from '../../shared/internal/base64.ts';
import { open, seal } from '../src/crypto/aead.ts';
import { deriveKey, newKdfParams } from '../src/crypto/kdf.ts';
import { detectAndParse, toOtpauthLines } from '../src/transfer/index.ts';

const random = (n: number) => new Uint8Array(randomBytes(n));
const ACCOUNTS = 200;

const accounts: OtpAccount[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
  type: i % 10 === 0 ? 'hotp' : 'totp',
  secret: random(20),
  issuer: `Service ${i}`,
  account: `user${i}@example.com`,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: i % 10 === 0 ? i : 0,
}));

let sink = 0;
const keep = (value: { length: number }) => {
  sink += value.length;
};

export default async function (harness: Harness): Promise<void> {
  const kdf = newKdfParams(random);
  const salt = base64Decode(kdf.salt);
  const password = 'correct horse battery staple';
  const nativeArgon2 = () =>
    hashRaw(password, {
      algorithm: 2, // Algorithm.Argon2id
      memoryCost: kdf.memoryKiB,
      timeCost: kdf.iterations,
      parallelism: kdf.parallelism,
      outputLen: 32,
      salt: Buffer.from(salt),
    });
  if (Buffer.compare(Buffer.from(await deriveKey(password, kdf)), await nativeArgon2()) !== 0) {
    throw new Error('Argon2id implementations disagree');
  }
  // What earlier releases used, for the comparison: scrypt at OWASP's floor, in JavaScript.
  const scrypt = { algorithm: 'scrypt', N: 2 ** 17, r: 8, p: 1, dkLen: 32, salt: kdf.salt } as const;
  await harness.compare({
    title: `backup and vault password → key (Argon2id ${kdf.memoryKiB / 1024} MiB, ${kdf.iterations} passes)`,
    subject: 'extension (hash-wasm Argon2id)',
    cases: {
      'extension (hash-wasm Argon2id)': async () => keep(await deriveKey(password, kdf)),
      'earlier releases (@noble/hashes scrypt N=2^17)': async () => keep(await deriveKey(password, scrypt)),
      '@node-rs/argon2 (native, not in browsers)': async () => keep(await nativeArgon2()),
    },
  });

  const payload = new TextEncoder().encode(toOtpauthLines(accounts).join('\n'));
  const key = random(32);
  const aad = new TextEncoder().encode('header');
  harness.note(`payload: ${payload.length} bytes for ${ACCOUNTS} accounts`);
  // Both sides store base64 text, as the backup file does.
  await harness.compare({
    title: `AES-256-GCM seal + open of ${ACCOUNTS} accounts, base64 included`,
    cases: {
      'extension (WebCrypto)': async () => keep(await open(key, await seal(key, payload, aad, random), aad)),
      'node:crypto cipheriv': () => {
        const iv = random(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
        const stored = Buffer.concat([cipher.update(payload), cipher.final()]).toString('base64');
        const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad).setAuthTag(cipher.getAuthTag());
        keep(Buffer.concat([decipher.update(Buffer.from(stored, 'base64')), decipher.final()]));
      },
    },
  });

  const text = toOtpauthLines(accounts).join('\n');
  const lines = text.split('\n');
  if (
    detectAndParse(text).accounts.length !== ACCOUNTS ||
    lines.map((l) => OTPAuth.URI.parse(l)).length !== ACCOUNTS
  ) {
    throw new Error('parsers disagree on the account count');
  }
  await harness.compare({
    title: `import ${ACCOUNTS} otpauth lines`,
    cases: {
      'extension detectAndParse': () => keep(detectAndParse(text).accounts),
      'otpauth URI.parse per line': () => keep(lines.map((line) => OTPAuth.URI.parse(line))),
    },
  });
  if (sink === 0.5) harness.note('unreachable; keeps results alive');
}
