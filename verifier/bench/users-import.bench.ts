/**
 * Users CSV import of 10,000 rows through the verifier's route (`POST /api/admin/users/import`, via
 * app.inject on a real SQLite file; PostgreSQL too when TEST_DATABASE_URL is set): applying a file that
 * flips the 2FA switch of 10,000 existing users in one transaction, next to the dry run of the same file
 * (read + plan, no writes) and the pure plan alone, so the ratios show what the database writes cost.
 */

import type { Harness } from '../../shared/bench/harness.ts';
import { type ExistingUser, type ImportGroup, planImportFromCsv } from '../src/users-csv/index.ts';
import { createTestApp, signInAdmin } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const ROWS = 10_000;
const HEADER = 'Username,Email,Display Name,Group,Sign-in Source,2FA Enabled';

function file(twoFactorOnForOdd: boolean): string {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const on = i % 2 === 1 ? twoFactorOnForOdd : !twoFactorOnForOdd;
    return `user${i},user${i}@example.test,"User ${i}, Q",Agent,local,${on ? 'y' : 'n'}`;
  });
  return `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
}

export default async function (harness: Harness): Promise<void> {
  const files = [file(true), file(false)];
  for (const kind of databaseKinds()) {
    const t = await createTestApp(kind);
    try {
      const admin = await signInAdmin(t);
      const created = await admin.post('/api/admin/users/import', { csv: files[0] });
      if (created.json().created !== ROWS)
        throw new Error(`setup import failed: ${created.body.slice(0, 200)}`);
      const existing: ExistingUser[] = Array.from({ length: ROWS }, (_, i) => ({
        id: i + 1,
        username: `user${i}`,
        email: `user${i}@example.test`,
        displayName: `User ${i}, Q`,
        groupId: 2,
        source: 'local',
        twoFactorEnabled: i % 2 === 1,
      }));
      const groups: ImportGroup[] = [{ id: 2, name: 'Agent', twoFactorEnabled: true }];
      let turn = 1;
      const apply = async () => {
        const answer = await admin.post('/api/admin/users/import', { csv: files[turn % 2] });
        turn++;
        if (answer.json().updated !== ROWS) throw new Error(`apply changed ${answer.json().updated} users`);
      };
      const dryRun = async () => {
        const answer = await admin.post('/api/admin/users/import', { csv: files[turn % 2], dryRun: true });
        if (answer.json().updated !== ROWS) throw new Error('the dry run disagrees');
      };
      await harness.compare({
        title: `users import on ${kind}, ${ROWS} rows, every 2FA switch flipped`,
        cases: {
          'apply (one transaction)': apply,
          'dry run (read + plan)': dryRun,
          'plan only (no database)': () => planImportFromCsv(files[1] as string, existing, groups),
        },
      });
    } finally {
      await t.close();
    }
  }
}
