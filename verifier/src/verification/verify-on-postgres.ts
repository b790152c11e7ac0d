import { LAST_USED_RESOLUTION_MS } from '../api-keys/api-keys.ts';
import { BURST_GAP_MS } from '../audit/audit-log.ts';
import { ACCOUNT } from '../auth/attempt-throttle.ts';
import { LOCK_AFTER_CODE_FAILURES } from '../auth/throttle-policy.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { sha256Hex } from '../crypto/tokens.ts';
import type { CredentialRow, Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import { openCredential } from './credentials.ts';
import { matchTotp, normaliseCode } from './match-totp.ts';
import type { VerifyAnswer, VerifyQuestion } from './verify-answer.ts';

/** The per-account delay after the 1st, 2nd, … failure, ending with the cap (verify_take_attempt). */
export function delaySteps(delayAfter: (failures: number) => number): number[] {
  const cap = delayAfter(Number.MAX_SAFE_INTEGER);
  const steps: number[] = [];
  for (let failures = 1; steps.at(-1) !== cap; failures++) steps.push(delayAfter(failures));
  return steps;
}

const DELAYS = delaySteps(ACCOUNT.delayAfter);

interface BeginRow {
  /** Set when the request was decided without comparing a code. */
  answer: 'invalid_code' | 'throttled' | 'locked' | null;
  actor: string;
  source: string;
  user_id: number;
  attempts: number;
  key_id: string;
  secret_box: string;
  algorithm: CredentialRow['algorithm'];
  digits: number;
  period: number;
  drift: number;
  last_step: number;
  verification_window: number;
}

const begin = statement<BeginRow>(
  'verify_begin',
  'SELECT * FROM verify_begin(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
const accept = statement<{ accepted: boolean }>(
  'verify_accept',
  'SELECT verify_accept(?, ?, ?, ?, ?, ?, ?, ?, ?) AS accepted',
);
const reject = statement('verify_reject', 'SELECT verify_reject(?, ?, ?, ?, ?, ?, ?)');

/**
 * A third-party verify on PostgreSQL in the fewest round trips the rules allow: the secret is
 * opened with the master key and the HMAC computed here, never in the database, so a compared
 * code costs one round trip before (key, subject, attempt taken: verify_begin) and one after (its
 * outcome written: verify_accept or verify_reject); an answer that compares no code costs one.
 * Every function runs as one statement, atomically. Undefined: the API key is not valid.
 */
export async function verifyOnPostgres(
  ctx: { db: Db; box: SecretBox },
  q: VerifyQuestion,
): Promise<VerifyAnswer | undefined> {
  const { db, box } = ctx;
  const { now, username, ip } = q;
  const code = normaliseCode(q.code);
  const [row] = (
    await run(db, begin, [
      sha256Hex(q.presentedKey),
      username,
      code === '',
      now,
      ip,
      now - LAST_USED_RESOLUTION_MS,
      now - ACCOUNT.forgetAfterMs,
      DELAYS,
      ACCOUNT.free,
      LOCK_AFTER_CODE_FAILURES,
      now - BURST_GAP_MS,
    ])
  ).rows;
  if (!row) return undefined;
  if (row.answer !== null) return { ok: false, reason: row.answer };
  const match = matchTotp(openCredential(box, row), code, now, row.verification_window);
  if (match === null) {
    await run(db, reject, [
      row.user_id,
      row.attempts,
      LOCK_AFTER_CODE_FAILURES,
      now,
      row.actor,
      username,
      ip,
    ]);
    return { ok: false, reason: 'invalid_code' };
  }
  // A code at or before the last accepted step finds the mark taken, as a concurrent replay does.
  const detail = match.drift === row.drift ? null : JSON.stringify({ drift: match.drift });
  const [outcome] = (
    await run(db, accept, [
      row.user_id,
      match.step,
      match.drift,
      row.source,
      now,
      row.actor,
      username,
      ip,
      detail,
    ])
  ).rows;
  return outcome?.accepted ? { ok: true } : { ok: false, reason: 'replayed' };
}
