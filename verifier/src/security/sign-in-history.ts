import type { Db } from '../db/schema.ts';

/** A sign-in attempt as the user's security page lists it. */
export interface SignInEntry {
  at: number;
  ip: string | null;
  /** "Firefox on Linux"; null for entries from before the browser was recorded. */
  browser: string | null;
  outcome: string;
}

/** The audit events that are steps of a sign-in, and how each reads to the person who made it. */
const OUTCOMES: Record<string, string> = {
  'sign_in.password_failed': 'Wrong password',
  'sign_in.password_ok': 'Password accepted',
  'sign_in.code_ok': 'Signed in with a code',
  'sign_in.remembered_device': 'Signed in on a remembered device',
  'sign_in.code_failed': 'Wrong code',
  'sign_in.code_replayed': 'Code already used',
  'sign_in.challenge_void': 'Stopped after too many wrong codes',
  'sign_in.throttled': 'Refused: too many attempts, waiting',
};

const REFUSED: Record<string, string> = {
  locked: 'Refused: the account is locked',
  sso: 'Refused: this account signs in with single sign-on',
};

/** What one audit entry of a sign-in says happened, in words. */
export function outcomeOf(event: string, detail: Record<string, unknown>): string {
  const refused = typeof detail.refused === 'string' ? REFUSED[detail.refused] : undefined;
  return refused ?? OUTCOMES[event] ?? event;
}

function parsedDetail(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A code step comes within this long of its password step (the longest code challenge, 10 minutes). */
const CHALLENGE_SPAN_MS = 10 * 60_000;

/**
 * The code steps' audit entries are shared with the verify API and carry no browser; a code step
 * follows its own password step from the same address, so it is named by that step's browser.
 * `entries` are newest first.
 */
export function withPasswordStepBrowsers(
  entries: readonly (SignInEntry & { event: string })[],
): SignInEntry[] {
  return entries.map(({ event, ...entry }, index) => {
    if (entry.browser !== null || !event.startsWith('sign_in.code')) return entry;
    const step = entries
      .slice(index + 1)
      .find((older) => older.event === 'sign_in.password_ok' && older.ip === entry.ip);
    const near = step && entry.at - step.at <= CHALLENGE_SPAN_MS;
    return near ? { ...entry, browser: step.browser } : entry;
  });
}

/** The user's latest sign-in steps, newest first, read from the audit log. */
export async function lastSignIns(db: Db, username: string, limit = 20): Promise<SignInEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'ip', 'event', 'detail', 'last_at'])
    .where('target', '=', username)
    .where('event', 'in', Object.keys(OUTCOMES))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return withPasswordStepBrowsers(
    rows.map((row) => {
      const detail = parsedDetail(row.detail);
      return {
        event: row.event,
        at: row.last_at ?? row.at,
        ip: row.ip,
        browser: typeof detail.browser === 'string' ? detail.browser : null,
        outcome: outcomeOf(row.event, detail),
      };
    }),
  );
}
