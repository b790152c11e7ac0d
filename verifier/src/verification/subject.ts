import { sql } from 'kysely';
import { addressConfirmed } from '../accounts/users.ts';
import { preparedQuery } from '../db/prepared.ts';
import type { CredentialRow, Db } from '../db/schema.ts';
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

/** The columns a subject is built from; shared with the verify API's one-query request load. */
export const SUBJECT_COLUMNS = [
  'users.id',
  'users.username',
  'users.source',
  'users.two_factor_enabled as user_two_factor',
  'users.method',
  'users.email',
  'users.email_confirmed',
  'users.locked_at',
  'users.code_failures',
  'groups.is_default',
  'groups.two_factor_enabled as group_two_factor',
  'settings.two_factor_enabled as system_two_factor',
  'settings.verification_window',
  'settings.methods',
  'settings.created_at as organisation_created_at',
  'settings.grace_days',
  'settings.grace_extended_until',
  'credentials.user_id as credential_user_id',
  'credentials.key_id',
  'credentials.secret_box',
  'credentials.algorithm',
  'credentials.digits',
  'credentials.period',
  'credentials.drift',
  'credentials.last_step',
  'credentials.created_at as credential_created_at',
] as const;

const subjectQuery = preparedQuery(
  (db, username: string) =>
    db
      .selectFrom('users')
      .innerJoin('groups', 'groups.id', 'users.group_id')
      .innerJoin('settings', (join) => join.on(sql<boolean>`settings.id = 1`))
      .leftJoin('credentials', 'credentials.user_id', 'users.id')
      .select(SUBJECT_COLUMNS)
      .where('users.username', '=', username),
  1,
);

type SubjectRow = Awaited<ReturnType<typeof subjectQuery>>['rows'][number];

/** Loads the user, their group, credential and the system settings in one round trip. */
export async function loadSubject(
  db: Db,
  username: string,
  now: number,
): Promise<VerificationSubject | undefined> {
  const [row] = (await subjectQuery(db, username)).rows;
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
