import {
  DEFAULT_EMAIL_CODE_POLICY,
  type EmailCodePolicy,
  type EmailCodeRecord,
  ONE_HOUR_MS,
} from './code-record.ts';
import { assertSecrets, type EmailCodeSecrets, generateCode, generateSalt, hashCode } from './code-secret.ts';
import { EmailCodeArgumentError } from './errors.ts';

/** A new code to e-mail; `code` goes into the message only and is never stored. */
export interface CodeSent {
  readonly kind: 'sent';
  readonly code: string;
  readonly record: EmailCodeRecord;
}

/** Sending refused: too soon after the last send. The previous code (if any) stays as it was. */
export interface CodeCooldown {
  readonly kind: 'cooldown';
  readonly retryAfterSeconds: number;
  readonly record: EmailCodeRecord;
}

/** Sending refused: an hourly cap (all sends, or Resends) is reached. The previous code stays as it was. */
export interface CodeSendLimit {
  readonly kind: 'limit';
  readonly retryAfterSeconds: number;
  readonly record: EmailCodeRecord;
}

export type IssueOutcome = CodeSent | CodeSendLimit;
export type ResendOutcome = CodeSent | CodeCooldown | CodeSendLimit;

export function assertTime(now: number): void {
  if (!Number.isSafeInteger(now) || now < 0) {
    throw new EmailCodeArgumentError(`now must be milliseconds since the epoch, got ${String(now)}.`);
  }
}

function inLastHour(times: readonly number[], now: number): number[] {
  return times.filter((at) => at > now - ONE_HOUR_MS && at <= now);
}

function secondsUntil(instant: number, now: number): number {
  return Math.max(1, Math.ceil((instant - now) / 1000));
}

/** When the next send under a cap of `max` per rolling hour is allowed, or null if it is allowed now. */
function freeAt(recent: number[], max: number): number | null {
  if (recent.length < max) return null;
  return (recent[recent.length - max] ?? 0) + ONE_HOUR_MS;
}

function limitReached(
  previous: EmailCodeRecord,
  caps: ReadonlyArray<number | null>,
  now: number,
): CodeSendLimit | null {
  const waits = caps.filter((at): at is number => at !== null);
  if (waits.length === 0) return null;
  return { kind: 'limit', retryAfterSeconds: secondsUntil(Math.max(...waits), now), record: previous };
}

function freshRecord(
  now: number,
  secrets: EmailCodeSecrets,
  policy: EmailCodePolicy,
  previous: EmailCodeRecord | null,
  recent: number[],
  resends: number[],
): CodeSent {
  const code = generateCode(secrets.randomBytes);
  const salt = generateSalt(secrets.randomBytes);
  const record: EmailCodeRecord = {
    version: previous === null ? 1 : previous.version + 1,
    salt,
    codeHash: hashCode(secrets.serverKey, salt, code),
    issuedAt: now,
    expiresAt: now + policy.validityMs,
    failedAttempts: 0,
    status: 'active',
    usedAt: null,
    sendTimes: [...recent, now],
    resendTimes: resends,
  };
  return { kind: 'sent', code, record };
}

/**
 * Issues the code for a new sign-in. Pass the user's previous record, if one is stored, so the overall
 * hourly cap holds across sign-ins (the Resend cap does not count this first code); the cooldown does not apply here because each sign-in needs its own code.
 * The new record replaces the old one, which voids the old code.
 */
export function issueCode(
  previous: EmailCodeRecord | null,
  now: number,
  secrets: EmailCodeSecrets,
  policy: EmailCodePolicy = DEFAULT_EMAIL_CODE_POLICY,
): IssueOutcome {
  assertTime(now);
  assertSecrets(secrets);
  const recent = previous === null ? [] : inLastHour(previous.sendTimes, now);
  const resends = previous === null ? [] : inLastHour(previous.resendTimes, now);
  if (previous !== null) {
    const limited = limitReached(previous, [freeAt(recent, policy.maxSendsPerHour)], now);
    if (limited) return limited;
  }
  return freshRecord(now, secrets, policy, previous, recent, resends);
}

/**
 * "Resend": a new code that replaces (and so voids) the current one, unless the last send was less than
 * the cooldown ago or the hourly cap is reached, in which case nothing changes.
 */
export function resendCode(
  current: EmailCodeRecord,
  now: number,
  secrets: EmailCodeSecrets,
  policy: EmailCodePolicy = DEFAULT_EMAIL_CODE_POLICY,
): ResendOutcome {
  assertTime(now);
  assertSecrets(secrets);
  const nextAllowed = current.issuedAt + policy.resendCooldownMs;
  if (now < nextAllowed) {
    return { kind: 'cooldown', retryAfterSeconds: secondsUntil(nextAllowed, now), record: current };
  }
  const recent = inLastHour(current.sendTimes, now);
  const resends = inLastHour(current.resendTimes, now);
  const caps = [freeAt(recent, policy.maxSendsPerHour), freeAt(resends, policy.maxResendsPerHour)];
  return (
    limitReached(current, caps, now) ?? freshRecord(now, secrets, policy, current, recent, [...resends, now])
  );
}

/**
 * An admin's reset of the hourly caps (for a user who must sign in now). The current code and the
 * 60 s cooldown stay as they are; only the counted sends are forgotten.
 */
export function clearSendCounts(current: EmailCodeRecord): EmailCodeRecord {
  return { ...current, version: current.version + 1, sendTimes: [], resendTimes: [] };
}
