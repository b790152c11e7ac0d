import { addressConfirmed } from '../accounts/users.ts';
import type { CredentialRow, Db } from '../db/schema.ts';
import { run, statement } from '../db/statements.ts';
import { effectiveSystemSwitch } from '../grace/index.ts';
import { type TwoFactorStatus, twoFactorStatus } from '../policy/two-factor-status.ts';
import { effectiveMethod, graceOfColumns, type Method } from '../settings/settings.ts';

/** Everything one code check needs about a user, read in a single query. */
export interface VerificationSubject {
  id: number;
  username: string;
  lockedAt: number | null;
  status: TwoFactorStatus;
  /** The effective method: an e-mail user's codes come by e-mail, never from an authenticator. */
  method: Method;
  credential: CredentialRow | null;
  verificationWindow: number;
}

/** One joined row a subject is built from (the credential columns are null without a credential). */
export interface SubjectRow {
  id: number;
  username: string;
  source: 'local' | 'sso';
  user_two_factor: number;
  method: Method;
  email: string;
  email_confirmed: string | null;
  locked_at: number | null;
  code_failures: number;
  is_default: number;
  group_two_factor: number;
  system_two_factor: number;
  verification_window: number;
  methods: string;
  organisation_created_at: number;
  grace_days: number;
  grace_extended_until: number | null;
  credential_user_id: number | null;
  key_id: string | null;
  secret_box: string | null;
  algorithm: string | null;
  digits: number | null;
  period: number | null;
  drift: number | null;
  last_step: number | null;
  credential_created_at: number | null;
}

/** The columns of a SubjectRow; shared with the verify API's one-query request load. */
export const SUBJECT_COLUMNS = `users.id, users.username, users.source,
  users.two_factor_enabled AS user_two_factor, users.method, users.email, users.email_confirmed,
  users.locked_at, users.code_failures,
  groups.is_default, groups.two_factor_enabled AS group_two_factor,
  settings.two_factor_enabled AS system_two_factor, settings.verification_window, settings.methods,
  settings.created_at AS organisation_created_at, settings.grace_days, settings.grace_extended_until,
  credentials.user_id AS credential_user_id, credentials.key_id, credentials.secret_box,
  credentials.algorithm, credentials.digits, credentials.period, credentials.drift,
  credentials.last_step, credentials.created_at AS credential_created_at`;

const subjectStatement = statement<SubjectRow>(
  'subject_load',
  `SELECT ${SUBJECT_COLUMNS}
   FROM users
   JOIN groups ON groups.id = users.group_id
   JOIN settings ON settings.id = 1
   LEFT JOIN credentials ON credentials.user_id = users.id
   WHERE users.username = ?`,
);

/** Loads the user, their group, credential and the system settings in one round trip. */
export async function loadSubject(
  db: Db,
  username: string,
  now: number,
): Promise<VerificationSubject | undefined> {
  const [row] = (await run(db, subjectStatement, [username])).rows;
  return row ? subjectFromRow(row, now) : undefined;
}

/**
 * Builds the subject from one joined row (the credential columns may be null). The status
 * depends on `now` because 2FA becomes mandatory when the grace period ends.
 */
export function subjectFromRow(row: SubjectRow, now: number): VerificationSubject {
  const credential =
    row.credential_user_id === null
      ? null
      : ({
          user_id: row.credential_user_id,
          key_id: row.key_id,
          secret_box: row.secret_box,
          algorithm: row.algorithm,
          digits: row.digits,
          period: row.period,
          drift: row.drift,
          last_step: row.last_step,
          created_at: row.credential_created_at,
        } as CredentialRow);
  const grace = graceOfColumns(
    {
      created_at: row.organisation_created_at,
      grace_days: row.grace_days,
      grace_extended_until: row.grace_extended_until,
    },
    now,
  );
  const method = effectiveMethod(row.method, JSON.parse(row.methods) as Method[]);
  return {
    id: row.id,
    username: row.username,
    lockedAt: row.locked_at,
    method,
    status: twoFactorStatus({
      systemEnabled: effectiveSystemSwitch(row.system_two_factor === 1, grace).enabled,
      mandatory: grace.mandatory,
      method,
      group: { isDefault: row.is_default === 1, twoFactorEnabled: row.group_two_factor === 1 },
      user: { source: row.source, twoFactorEnabled: row.user_two_factor === 1 },
      hasCredential: credential !== null,
      emailConfirmed: addressConfirmed(row),
    }),
    credential,
    verificationWindow: row.verification_window,
  };
}
