/** A user a bulk action left alone, and why, in words for the admin. */
export interface BulkSkip {
  username: string;
  code: string;
  message: string;
}

/** What a bulk action did: the users it acted on and the ones it skipped with the reason. */
export interface BulkOutcome {
  done: string[];
  skipped: BulkSkip[];
  /** Why the run stopped before the end (the mail server failed); absent when it ran through. */
  stopped?: { code: string; message: string };
}

/** The most users one bulk request takes: a selection larger than this is refused, not cut short. */
export const MAX_BULK_USERS = 20_000;

/** Reasons a user is skipped, each said once however many users it applies to. */
export const SKIPS = {
  sso: { code: 'sso_exempt', message: 'SSO users are exempt: their identity provider owns sign-in.' },
  groupOff: {
    code: 'two_factor_unavailable',
    message: 'Their security access group does not allow 2FA: turn it on for the group first.',
  },
  alreadyOn: { code: 'already_enabled', message: '2FA is already enabled for them.' },
  nothingToReset: { code: 'nothing_to_reset', message: 'They have no second factor set up to reset.' },
  self: { code: 'own_account', message: 'Your own account is reset from its page, not in bulk.' },
  notPending: { code: 'not_pending', message: 'They are not Pending: only Pending users get a reminder.' },
  noAddress: { code: 'no_address', message: 'They have no e-mail address to send to.' },
} as const satisfies Record<string, { code: string; message: string }>;

export function skip(username: string, reason: (typeof SKIPS)[keyof typeof SKIPS]): BulkSkip {
  return { username, code: reason.code, message: reason.message };
}

export type BulkActionName = 'enable-two-factor' | 'reset-two-factor' | 'remind' | 'invite';

/** The short reason of each skip code, for the one-line summary (the list says it in full). */
const SHORT: Record<string, string> = {
  sso_exempt: 'SSO users are exempt',
  two_factor_unavailable: 'their group does not allow 2FA',
  already_enabled: '2FA already enabled',
  nothing_to_reset: 'no second factor set up',
  own_account: 'your own account',
  not_pending: 'not Pending',
  no_address: 'no e-mail address',
  single_sign_on_user: 'SSO users are exempt',
  has_password: 'already have a password',
  email_missing: 'no e-mail address',
  invitation_too_soon: 'invited less than 10 minutes ago',
};

const VERB: Record<BulkActionName, (n: string) => string> = {
  'enable-two-factor': (n) => `Enabled 2FA for ${n}`,
  'reset-two-factor': (n) => `Reset ${n}`,
  remind: (n) => `Sent a reminder to ${n}`,
  invite: (n) => `Sent an invitation to ${n}`,
};

const users = (n: number) => (n === 1 ? '1 user' : `${n} users`);

/** "Reset 12 users; 2 skipped: SSO users are exempt" — each reason with its count when there are several. */
export function bulkSummary(action: BulkActionName, outcome: BulkOutcome): string {
  const head = VERB[action](users(outcome.done.length));
  if (outcome.skipped.length === 0) return `${head}.`;
  const counts = new Map<string, number>();
  for (const s of outcome.skipped) {
    const reason = SHORT[s.code] ?? s.message;
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  const reasons =
    counts.size === 1
      ? [...counts.keys()].join('')
      : [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
  return `${head}; ${outcome.skipped.length} skipped: ${reasons}.`;
}
