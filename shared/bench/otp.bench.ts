/**
 * Shared OTP core against the two established packages, on identical secrets and times:
 * TOTP generation, and verification with a ±1 step window for the current code, a code one
 * step late, and a wrong code (every candidate computed). In Node `otpauth` hashes with the
 * native crypto module; its browser build (`otpauth/slim`, the same JavaScript hashing the
 * extension gets) is measured too.
 */
import { randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import * as OTPAuthBrowser from 'otpauth/slim';
import { generateSync, verifySync } from 'otplib';
import { totp, verifyTotp } from '../index.ts';
import type { Harness } from './harness.ts';

const FIXTURES = 64;
const START = Date.UTC(2026, 0, 1);

interface Fixture {
  secret: Uint8Array;
  otpauthSecret: OTPAuth.Secret;
  time: number;
  epochSeconds: number;
  currentToken: string;
  lateToken: string;
  wrongToken: string;
}

function makeFixtures(): Fixture[] {
  return Array.from({ length: FIXTURES }, (_, index) => {
    const secret = new Uint8Array(randomBytes(20));
    const time = START + index * 7_919_000 + 12_345;
    const lateToken = totp({ secret, time: time - 30_000 });
    const current = totp({ secret, time });
    const next = totp({ secret, time: time + 30_000 });
    // A six-digit code none of the three candidate steps produce.
    let wrong = (Number(lateToken) + 1) % 1_000_000;
    while ([lateToken, current, next].includes(String(wrong).padStart(6, '0')))
      wrong = (wrong + 1) % 1_000_000;
    return {
      secret,
      otpauthSecret: new OTPAuth.Secret({ buffer: secret.slice().buffer }),
      time,
      epochSeconds: time / 1000,
      currentToken: current,
      lateToken,
      wrongToken: String(wrong).padStart(6, '0'),
    };
  });
}

/** Refuses to measure if the three implementations disagree on any fixture. */
function checkAgreement(fixtures: Fixture[]): void {
  for (const f of fixtures) {
    const ours = totp({ secret: f.secret, time: f.time });
    const theirs = OTPAuth.TOTP.generate({ secret: f.otpauthSecret, timestamp: f.time });
    const otplibs = generateSync({ secret: f.secret, epoch: f.epochSeconds });
    if (ours !== theirs || ours !== otplibs) throw new Error(`Codes disagree: ${ours} ${theirs} ${otplibs}`);
    const verdicts = [
      verifyTotp({ secret: f.secret, token: f.lateToken, time: f.time }),
      OTPAuth.TOTP.validate({ secret: f.otpauthSecret, token: f.lateToken, timestamp: f.time, window: 1 }),
      verifySync({ secret: f.secret, token: f.lateToken, epoch: f.epochSeconds, epochTolerance: 30 }).valid
        ? -1
        : null,
      verifyTotp({ secret: f.secret, token: f.wrongToken, time: f.time }),
      OTPAuth.TOTP.validate({ secret: f.otpauthSecret, token: f.wrongToken, timestamp: f.time, window: 1 }),
      verifySync({ secret: f.secret, token: f.wrongToken, epoch: f.epochSeconds, epochTolerance: 30 }).valid,
    ];
    const expected = [-1, -1, -1, null, null, false];
    if (verdicts.some((verdict, index) => verdict !== expected[index])) {
      throw new Error(`Verification disagrees: ${JSON.stringify(verdicts)}`);
    }
  }
}

export default async function otpBenchmarks(harness: Harness): Promise<void> {
  const fixtures = makeFixtures();
  checkAgreement(fixtures);
  let i = 0;
  const next = (): Fixture => {
    i = (i + 1) % FIXTURES;
    return fixtures[i] as Fixture;
  };
  let sink = 0;
  const keep = (value: unknown) => {
    sink ^= value === null ? 1 : typeof value === 'string' ? value.length : Number(value);
  };

  await harness.compare({
    title: 'TOTP generate (SHA-1, 6 digits)',
    subject: 'shared',
    cases: {
      shared: () => {
        const f = next();
        keep(totp({ secret: f.secret, time: f.time }));
      },
      otpauth: () => {
        const f = next();
        keep(OTPAuth.TOTP.generate({ secret: f.otpauthSecret, timestamp: f.time }));
      },
      'otpauth/slim': () => {
        const f = next();
        keep(OTPAuthBrowser.TOTP.generate({ secret: f.otpauthSecret, timestamp: f.time }));
      },
      otplib: () => {
        const f = next();
        keep(generateSync({ secret: f.secret, epoch: f.epochSeconds }));
      },
    },
  });

  const scenarios: [string, (f: Fixture) => string][] = [
    ['current code, accepted', (f) => f.currentToken],
    ['code one step late, accepted', (f) => f.lateToken],
    ['wrong code, rejected', (f) => f.wrongToken],
  ];
  for (const [label, pick] of scenarios) {
    await harness.compare({
      title: `TOTP verify, window ±1 (${label})`,
      subject: 'shared',
      // The database dominates a verification; matching the fastest peer is enough.
      target: 1,
      cases: {
        shared: () => {
          const f = next();
          keep(verifyTotp({ secret: f.secret, token: pick(f), time: f.time, window: 1 }));
        },
        otpauth: () => {
          const f = next();
          keep(
            OTPAuth.TOTP.validate({ secret: f.otpauthSecret, token: pick(f), timestamp: f.time, window: 1 }),
          );
        },
        'otpauth/slim': () => {
          const f = next();
          keep(
            OTPAuthBrowser.TOTP.validate({
              secret: f.otpauthSecret,
              token: pick(f),
              timestamp: f.time,
              window: 1,
            }),
          );
        },
        otplib: () => {
          const f = next();
          keep(
            verifySync({ secret: f.secret, token: pick(f), epoch: f.epochSeconds, epochTolerance: 30 }).valid,
          );
        },
      },
    });
  }
  if (sink === 0.5) harness.note('unreachable; keeps results alive');
}
