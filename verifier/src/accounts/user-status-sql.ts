import { type RawBuilder, sql } from 'kysely';
import type { TwoFactorStatus } from '../policy/two-factor-status.ts';
import type { PolicySettings } from '../settings/settings.ts';

/**
 * The 2FA status rules of policy/two-factor-status.ts as one SQL expression over `users`, `groups`
 * and the left-joined `credentials`, so a filter, a sort and a count by status run in the database
 * instead of on every row in memory. The settings are constants of the query: they decide which
 * fragment is used, never text from a request. two-factor-status.test.ts holds the rules; the listing
 * tests check that both agree.
 */

const FALSE = sql<boolean>`1 = 0`;

/** Whether the rules ask this user for a second factor (Disabled otherwise). */
function required(policy: PolicySettings): RawBuilder<boolean> {
  if (policy.mandatory) return sql<boolean>`users.source = 'local'`;
  if (!policy.systemEnabled) return FALSE;
  return sql<boolean>`(users.source = 'local' AND (groups.is_default = 1 OR groups.two_factor_enabled = 1)
    AND users.two_factor_enabled = 1)`;
}

const EMAIL_CONFIRMED = sql<boolean>`(users.email_confirmed IS NOT NULL AND TRIM(users.email) <> ''
  AND users.email_confirmed = users.email)`;
const HAS_CREDENTIAL = sql<boolean>`credentials.user_id IS NOT NULL`;

/** Whether the user's factor is set up for the method they would use (see effectiveMethod). */
function factorConfirmed(policy: PolicySettings): RawBuilder<boolean> {
  const [only] = policy.methods;
  if (policy.methods.length === 1 && only === 'email') return EMAIL_CONFIRMED;
  if (policy.methods.length <= 1) return HAS_CREDENTIAL;
  return sql<boolean>`(CASE WHEN users.method = 'email' THEN ${EMAIL_CONFIRMED} ELSE ${HAS_CREDENTIAL} END)`;
}

/** 'Pending', 'Activated' or 'Disabled' for each row. */
export function statusExpression(policy: PolicySettings): RawBuilder<TwoFactorStatus> {
  return sql<TwoFactorStatus>`(CASE WHEN NOT (${required(policy)}) THEN 'Disabled'
    WHEN ${factorConfirmed(policy)} THEN 'Activated' ELSE 'Pending' END)`;
}
