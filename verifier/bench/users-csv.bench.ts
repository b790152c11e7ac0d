/**
 * Users CSV import of 10,000 rows (BOM, CRLF, quoted names; half of them existing users, some changed):
 * our parse + validation + plan against bare csv-parse reading the same bytes, so the ratio shows what
 * checking every row and planning the changes costs on top of reading the CSV. Export of the same users
 * against bare csv-stringify likewise.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Harness } from '../../shared/bench/harness.ts';
import {
  type ExistingUser,
  exportUsersCsv,
  type ImportGroup,
  planImportFromCsv,
  type UserCsvRecord,
} from '../src/users-csv/index.ts';

const ROWS = 10_000;
const groups: ImportGroup[] = [
  { id: 1, name: 'Admin', twoFactorEnabled: true },
  { id: 2, name: 'Agent', twoFactorEnabled: true },
  { id: 3, name: 'Analyst', twoFactorEnabled: true },
  { id: 4, name: 'Supervisor', twoFactorEnabled: true },
  { id: 5, name: 'Night, late shift', twoFactorEnabled: true },
];

function record(i: number): UserCsvRecord {
  return {
    username: `user${i}`,
    email: `user${i}@example.org`,
    displayName: `Surname ${i}, "Given"`,
    group: groups[i % groups.length]?.name ?? 'Agent',
    source: i % 10 === 0 ? 'sso' : 'local',
    twoFactorEnabled: i % 3 === 0,
  };
}

export default async function (harness: Harness): Promise<void> {
  const records = Array.from({ length: ROWS }, (_, i) => record(i));
  const csv = Buffer.from(exportUsersCsv(records), 'utf8');
  // Every even user exists already; every fourth of those has another group and switch stored.
  const existing: ExistingUser[] = records
    .filter((_, i) => i % 2 === 0)
    .map((user, index) => ({
      id: index + 1,
      username: user.username,
      email: user.email,
      displayName: user.displayName,
      groupId: groups.find((group) => group.name === user.group)?.id ?? 2,
      source: user.source,
      twoFactorEnabled: index % 4 === 0 ? !user.twoFactorEnabled : user.twoFactorEnabled,
    }));

  const planned = await planImportFromCsv(csv, existing, groups);
  if (!planned.ok) throw new Error(`The benchmark file does not import: ${JSON.stringify(planned)}`);
  const { creates, updates, unchanged } = planned.plan;
  if (creates.length !== ROWS / 2 || updates.length !== ROWS / 8 || unchanged.length !== (ROWS * 3) / 8) {
    throw new Error(
      `Unexpected plan: ${creates.length} creates, ${updates.length} updates, ${unchanged.length} unchanged`,
    );
  }
  if ((parse(csv, { bom: true }) as string[][]).length !== ROWS + 1)
    throw new Error('bare csv-parse disagrees');
  harness.note(
    `${ROWS} rows, ${(csv.length / 1024).toFixed(0)} KiB: ${creates.length} creates, ${updates.length} updates`,
  );

  await harness.compare({
    title: `users CSV import, ${ROWS} rows: parse + validate + plan`,
    cases: {
      planImportFromCsv: () => planImportFromCsv(csv, existing, groups),
      'csv-parse only': () => parse(csv, { bom: true }),
    },
  });

  const rows = records.map((user) => [
    user.username,
    user.email,
    user.displayName,
    user.group,
    user.source,
    user.twoFactorEnabled ? 'y' : 'n',
  ]);
  await harness.compare({
    title: `users CSV export, ${ROWS} rows`,
    cases: {
      exportUsersCsv: () => exportUsersCsv(records),
      'csv-stringify only': () => stringify(rows, { bom: true, header: false, record_delimiter: 'windows' }),
    },
  });
}
