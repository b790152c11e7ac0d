import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connect.ts';
import { type SubjectRow, subjectFromRow } from '../src/verification/subject.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../test-support/test-database.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 15, 9);

/** Every combination of what decides whether the verify API compares a user's code. */
function cases(): SubjectRow[] {
  const rows: SubjectRow[] = [];
  const graces = [
    { organisation_created_at: NOW - 10 * DAY, grace_days: 60, grace_extended_until: null },
    { organisation_created_at: NOW - 70 * DAY, grace_days: 60, grace_extended_until: null },
    { organisation_created_at: NOW - 70 * DAY, grace_days: 60, grace_extended_until: NOW + 1 },
    { organisation_created_at: NOW - 10 * DAY, grace_days: 60, grace_extended_until: NOW },
  ];
  for (const source of ['local', 'sso'] as const)
    for (const method of ['totp', 'email'] as const)
      for (const methods of ['["totp"]', '["email"]', '["totp","email"]', '["email","totp"]'])
        for (const system of [0, 1])
          for (const isDefault of [0, 1])
            for (const group of [0, 1])
              for (const user of [0, 1])
                for (const credential of [null, 7])
                  for (const grace of graces)
                    for (const confirmed of [null, 'dana@example.test'])
                      rows.push({
                        ...grace,
                        id: 7,
                        username: 'dana',
                        source,
                        user_two_factor: user,
                        method,
                        email: 'dana@example.test',
                        email_confirmed: confirmed,
                        locked_at: null,
                        code_failures: 0,
                        is_default: isDefault,
                        group_two_factor: group,
                        system_two_factor: system,
                        verification_window: 1,
                        methods,
                        credential_user_id: credential,
                        key_id: null,
                        secret_box: null,
                        algorithm: null,
                        digits: null,
                        period: null,
                        drift: null,
                        last_step: null,
                        credential_created_at: null,
                      });
  return rows;
}

/** The verify API on SQLite asks the TypeScript rules; on PostgreSQL, verify_totp_checkable. */
describe.skipIf(!databaseKinds().includes('postgres'))('the verify function on postgres', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    handle = await database.open();
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('compares a code for exactly the users the TypeScript 2FA rules call Activated with an authenticator', async () => {
    const rows = cases();
    const expected = rows.map((row) => {
      const subject = subjectFromRow(row, NOW);
      return subject.status === 'Activated' && subject.method === 'totp' && subject.credential !== null;
    });
    const { rows: actual } = await sql<{ checkable: boolean }>`
      SELECT verify_totp_checkable(c.source, c.method, c.methods, c.system_two_factor, c.is_default,
          c.group_two_factor, c.user_two_factor, c.credential_user_id IS NOT NULL,
          coalesce(c.grace_extended_until, c.organisation_created_at + c.grace_days * ${DAY}::bigint),
          ${NOW}::bigint) AS checkable
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((row, n) => ({ ...row, n })))}::jsonb) AS c(
          source text, method text, methods text, system_two_factor integer, is_default integer,
          group_two_factor integer, user_two_factor integer, credential_user_id integer,
          grace_extended_until bigint, organisation_created_at bigint, grace_days integer, n bigint)
       ORDER BY c.n`.execute(handle.db);
    expect(actual.map((row) => row.checkable)).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(0);
  });
});
