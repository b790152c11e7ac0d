import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCode,
  DEFAULT_EMAIL_CODE_POLICY,
  EmailCodeArgumentError,
  type EmailCodeRecord,
  type EmailCodeSecrets,
  generateCode,
  issueCode,
  resendCode,
} from './index.ts';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const serverKey = new Uint8Array(32).fill(7);
const secrets: EmailCodeSecrets = { serverKey, randomBytes: (n) => new Uint8Array(cryptoRandomBytes(n)) };

/** Random source that first hands out the given 4-byte words, then real randomness. */
function scripted(...words: number[]): (n: number) => Uint8Array {
  const queue = [...words];
  return (n) => {
    const next = queue.shift();
    if (next === undefined) return new Uint8Array(cryptoRandomBytes(n));
    const bytes = new Uint8Array(n);
    new DataView(bytes.buffer).setUint32(0, next);
    return bytes;
  };
}

function issue(now = T0): { code: string; record: EmailCodeRecord } {
  const outcome = issueCode(null, now, secrets);
  if (outcome.kind !== 'sent') throw new Error('expected a code to be sent');
  return outcome;
}

function otherCode(code: string): string {
  return code === '000000' ? '000001' : '000000';
}

describe('issuing an e-mailed code', () => {
  it('gives a 6-digit numeric code and stores only a keyed hash of it', () => {
    const { code, record } = issue();
    expect(code).toMatch(/^\d{6}$/);
    expect(record.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // As a word of its own: six digits can occur by chance inside the hash or a timestamp.
    expect(JSON.stringify(record)).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(record).toMatchObject({
      issuedAt: T0,
      expiresAt: T0 + 5 * MINUTE,
      failedAttempts: 0,
      status: 'active',
    });
  });

  it('keeps leading zeros and rejects draws that would bias the digits', () => {
    // 4_294_000_000 is the first value at which `value % 1e6` would favour low codes.
    expect(generateCode(scripted(0xffffffff, 4_294_000_000, 42))).toBe('000042');
    expect(generateCode(scripted(4_293_999_999))).toBe('999999');
  });

  it('maps every unbiased 32-bit draw to the 6-digit code equal to its remainder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_293_999_999 }), (value) => {
        expect(generateCode(scripted(value))).toBe(String(value % 1_000_000).padStart(6, '0'));
      }),
    );
  });

  it('refuses a random source that never yields a usable value', () => {
    expect(() => generateCode(() => new Uint8Array([255, 255, 255, 255]))).toThrow(EmailCodeArgumentError);
    expect(() => generateCode(() => new Uint8Array(2))).toThrow(/exactly 4 bytes/);
  });

  it('refuses a server key shorter than 32 bytes', () => {
    expect(() => issueCode(null, T0, { ...secrets, serverKey: new Uint8Array(16) })).toThrow(
      /at least 32 random bytes/,
    );
  });

  it('gives two identical codes different hashes because each has its own salt', () => {
    const a = issueCode(null, T0, { serverKey, randomBytes: scripted(5) });
    const b = issueCode(null, T0, { serverKey, randomBytes: scripted(5) });
    expect(a.kind === 'sent' && b.kind === 'sent' && a.code === b.code).toBe(true);
    expect(a.record.codeHash).not.toBe(b.record.codeHash);
  });
});

describe('entering an e-mailed code', () => {
  it('signs the user in with the right code and marks it used', () => {
    const { code, record } = issue();
    const outcome = checkCode(record, ` ${code} `, T0 + MINUTE, serverKey);
    expect(outcome.kind).toBe('accepted');
    expect(outcome.record).toMatchObject({
      status: 'used',
      usedAt: T0 + MINUTE,
      version: record.version + 1,
    });
  });

  it('refuses the same code a second time as already used', () => {
    const { code, record } = issue();
    const first = checkCode(record, code, T0 + MINUTE, serverKey);
    const second = checkCode(first.record, code, T0 + MINUTE + SECOND, serverKey);
    expect(second.kind).toBe('used');
    expect(second.record).toBe(first.record);
    expect(checkCode(first.record, otherCode(code), T0 + 2 * MINUTE, serverKey)).toMatchObject({
      kind: 'expired',
      reason: 'used',
    });
  });

  it('accepts the code one millisecond before 5 minutes and calls it expired at exactly 5 minutes', () => {
    const { code, record } = issue();
    expect(checkCode(record, code, T0 + 5 * MINUTE - 1, serverKey).kind).toBe('accepted');
    const late = checkCode(record, code, T0 + 5 * MINUTE, serverKey);
    expect(late).toMatchObject({ kind: 'expired', reason: 'time' });
    expect(late.record).toBe(record);
  });

  it('tells a blank entry apart from a wrong one and does not count it as an attempt', () => {
    const { record } = issue();
    const blank = checkCode(record, '   ', T0 + SECOND, serverKey);
    expect(blank.kind).toBe('blank');
    expect(blank.record).toBe(record);
  });

  it('counts wrong and malformed codes and says how many attempts are left', () => {
    const { code, record } = issue();
    const first = checkCode(record, otherCode(code), T0 + SECOND, serverKey);
    expect(first).toMatchObject({ kind: 'wrong', attemptsLeft: 9 });
    const second = checkCode(first.record, '12ab', T0 + 2 * SECOND, serverKey);
    expect(second).toMatchObject({ kind: 'wrong', attemptsLeft: 8 });
    expect(second.record).toMatchObject({ failedAttempts: 2, version: record.version + 2 });
  });

  it('still accepts the right code after 9 wrong ones', () => {
    let { code, record } = issue();
    for (let i = 0; i < 9; i++)
      record = checkCode(record, otherCode(code), T0 + i * SECOND, serverKey).record;
    expect(checkCode(record, code, T0 + 10 * SECOND, serverKey).kind).toBe('accepted');
  });

  it('voids the code on the 10th wrong attempt so even the right code then fails', () => {
    let { code, record } = issue();
    const outcomes = [];
    for (let i = 0; i < 10; i++) {
      const outcome = checkCode(record, otherCode(code), T0 + i * SECOND, serverKey);
      outcomes.push(outcome);
      record = outcome.record;
    }
    expect(outcomes.at(-1)).toMatchObject({ kind: 'wrong', attemptsLeft: 0 });
    expect(record.status).toBe('void');
    expect(checkCode(record, code, T0 + 20 * SECOND, serverKey)).toMatchObject({
      kind: 'expired',
      reason: 'attempts',
    });
  });

  it('does not accept the code under a different server key', () => {
    const { code, record } = issue();
    const otherKey = new Uint8Array(32).fill(8);
    expect(checkCode(record, code, T0 + SECOND, otherKey).kind).toBe('wrong');
  });

  it('treats a record with a damaged hash as corrupt rather than as a wrong code', () => {
    const { code, record } = issue();
    expect(() => checkCode({ ...record, codeHash: 'xyz' }, code, T0, serverKey)).toThrow(/corrupt/);
  });
});

describe('resending an e-mailed code', () => {
  it('voids the old code and accepts the new one', () => {
    const first = issue();
    const resent = resendCode(first.record, T0 + MINUTE, secrets);
    if (resent.kind !== 'sent') throw new Error(`expected sent, got ${resent.kind}`);
    expect(resent.record.version).toBeGreaterThan(first.record.version);
    if (resent.code !== first.code) {
      expect(checkCode(resent.record, first.code, T0 + MINUTE + SECOND, serverKey).kind).toBe('wrong');
    }
    expect(checkCode(resent.record, resent.code, T0 + MINUTE + SECOND, serverKey).kind).toBe('accepted');
  });

  it('restarts the 5 minutes and the 10 attempts with the new code', () => {
    let { code, record } = issue();
    for (let i = 0; i < 10; i++)
      record = checkCode(record, otherCode(code), T0 + i * SECOND, serverKey).record;
    const resent = resendCode(record, T0 + 4 * MINUTE, secrets);
    if (resent.kind !== 'sent') throw new Error('expected sent');
    ({ code, record } = resent);
    expect(record).toMatchObject({ failedAttempts: 0, status: 'active', expiresAt: T0 + 9 * MINUTE });
    expect(checkCode(record, code, T0 + 9 * MINUTE - 1, serverKey).kind).toBe('accepted');
  });

  it('refuses a resend within 60 seconds of the last send and keeps the current code', () => {
    const { code, record } = issue();
    const tooSoon = resendCode(record, T0 + 60 * SECOND - 1, secrets);
    expect(tooSoon).toMatchObject({ kind: 'cooldown', retryAfterSeconds: 1 });
    expect(tooSoon.record).toBe(record);
    expect(resendCode(record, T0 + 10 * SECOND, secrets)).toMatchObject({ retryAfterSeconds: 50 });
    expect(checkCode(tooSoon.record, code, T0 + 61 * SECOND, serverKey).kind).toBe('accepted');
    expect(resendCode(record, T0 + 60 * SECOND, secrets).kind).toBe('sent');
  });

  it('allows 5 Resends in an hour and the next one only when the first leaves the hour', () => {
    let record = issue().record;
    for (let i = 1; i <= 5; i++) {
      const resent = resendCode(record, T0 + i * MINUTE, secrets);
      expect(resent.kind).toBe('sent');
      record = resent.record;
    }
    const sixth = resendCode(record, T0 + 6 * MINUTE, secrets);
    expect(sixth).toMatchObject({ kind: 'limit', retryAfterSeconds: 55 * 60 });
    expect(sixth.record).toBe(record);
    expect(resendCode(record, T0 + 61 * MINUTE - 1, secrets).kind).toBe('limit');
    const later = resendCode(record, T0 + 61 * MINUTE, secrets);
    expect(later.kind).toBe('sent');
    expect(later.record.resendTimes).toHaveLength(DEFAULT_EMAIL_CODE_POLICY.maxResendsPerHour);
  });

  it('does not count the first code of each sign-in towards the Resend cap', () => {
    let record = issue().record;
    for (let i = 1; i < 4; i++) {
      const again = issueCode(record, T0 + i * MINUTE, secrets);
      if (again.kind !== 'sent') throw new Error('expected sent');
      record = again.record;
    }
    for (let i = 0; i < 5; i++) {
      const resent = resendCode(record, T0 + (5 + i) * MINUTE, secrets);
      expect(resent.kind).toBe('sent');
      record = resent.record;
    }
  });

  it('caps all sends at 20 an hour across new sign-ins and Resends, without the cooldown for sign-ins', () => {
    let record = issue().record;
    for (let i = 1; i < 20; i++) {
      const again = issueCode(record, T0 + i * SECOND, secrets);
      expect(again.kind).toBe('sent');
      record = again.record;
    }
    expect(issueCode(record, T0 + 20 * SECOND, secrets)).toMatchObject({ kind: 'limit', record });
    expect(resendCode(record, T0 + 2 * MINUTE, secrets)).toMatchObject({
      kind: 'limit',
      retryAfterSeconds: 58 * 60,
    });
  });
});
