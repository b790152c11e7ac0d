import { DEFAULT_EMAIL_CODE_POLICY, type EmailCodePolicy, type EmailCodeRecord } from './code-record.ts';
import { codeMatches } from './code-secret.ts';
import { EmailCodeArgumentError } from './errors.ts';
import { assertTime } from './issue.ts';

/**
 * The result of entering a code. `record` is the state to store: when its `version` is greater than the
 * one passed in, write it with the conditional update; otherwise nothing changed.
 */
export type CodeCheckOutcome =
  /** The code was right; the record is now used and the sign-in may complete. */
  | { readonly kind: 'accepted'; readonly record: EmailCodeRecord }
  /** Nothing was entered; not counted as an attempt. */
  | { readonly kind: 'blank'; readonly record: EmailCodeRecord }
  /** The code was wrong. `attemptsLeft` 0 means this attempt voided the code: the user needs Resend. */
  | { readonly kind: 'wrong'; readonly attemptsLeft: number; readonly record: EmailCodeRecord }
  /**
   * The code can no longer be used: its 5 minutes are over, too many wrong codes voided it, or it has
   * already signed the user in (and a different code was entered).
   */
  | {
      readonly kind: 'expired';
      readonly reason: 'time' | 'attempts' | 'used';
      readonly record: EmailCodeRecord;
    }
  /** This very code has already signed the user in once. */
  | { readonly kind: 'used'; readonly record: EmailCodeRecord };

/**
 * Why an unused code can no longer sign anyone in at time `now`, or null while it still can. Lets the
 * caller answer "use Resend" before any delay for wrong codes, which could only end in this answer.
 */
export function deadReason(
  record: EmailCodeRecord,
  now: number,
  policy: EmailCodePolicy = DEFAULT_EMAIL_CODE_POLICY,
): 'attempts' | 'time' | null {
  if (record.status === 'void' || record.failedAttempts >= policy.maxAttempts) return 'attempts';
  if (record.status === 'active' && now >= record.expiresAt) return 'time';
  return null;
}

/**
 * Checks an entered code against the stored record at time `now` (ms since the epoch). Surrounding
 * whitespace is ignored; anything else that is not the code, including a malformed entry, counts as wrong.
 */
export function checkCode(
  record: EmailCodeRecord,
  entered: string,
  now: number,
  serverKey: Uint8Array,
  policy: EmailCodePolicy = DEFAULT_EMAIL_CODE_POLICY,
): CodeCheckOutcome {
  assertTime(now);
  if (typeof entered !== 'string') {
    throw new EmailCodeArgumentError('The entered code must be a string.');
  }
  const candidate = entered.trim();
  if (record.status === 'used') {
    const same = candidate !== '' && codeMatches(serverKey, record.salt, record.codeHash, candidate);
    return same ? { kind: 'used', record } : { kind: 'expired', reason: 'used', record };
  }
  const dead = deadReason(record, now, policy);
  if (dead !== null) return { kind: 'expired', reason: dead, record };
  if (candidate === '') {
    return { kind: 'blank', record };
  }
  if (codeMatches(serverKey, record.salt, record.codeHash, candidate)) {
    return {
      kind: 'accepted',
      record: { ...record, version: record.version + 1, status: 'used', usedAt: now },
    };
  }
  const failedAttempts = record.failedAttempts + 1;
  const attemptsLeft = Math.max(0, policy.maxAttempts - failedAttempts);
  const status = attemptsLeft === 0 ? 'void' : 'active';
  return {
    kind: 'wrong',
    attemptsLeft,
    record: { ...record, version: record.version + 1, failedAttempts, status },
  };
}
