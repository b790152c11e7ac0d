import { describe, expect, it } from 'vitest';
import { existing, HEADER, plan } from '../../test-support/users-csv-fixtures.ts';
import { type ExistingUser, exportUsersCsv, type UserCsvRecord } from './index.ts';

describe('exporting users', () => {
  it('writes a header, one CRLF-ended row per user and y/n in the last column, with a BOM for spreadsheets', () => {
    const csv = exportUsersCsv([
      {
        username: 'ana',
        email: 'ana@example.org',
        displayName: 'Lima, Ana "AL"',
        group: 'Admin',
        source: 'local',
        twoFactorEnabled: true,
      },
      {
        username: 'sam',
        email: 'sam@example.org',
        displayName: 'Sam',
        group: 'Agent',
        source: 'sso',
        twoFactorEnabled: false,
      },
    ]);
    expect(csv).toBe(
      `\uFEFF${HEADER},2FA Status\r\nana,ana@example.org,"Lima, Ana ""AL""",Admin,local,y,\r\nsam,sam@example.org,Sam,Agent,sso,n,\r\n`,
    );
  });

  it('keeps spreadsheets from running a value as a formula, and imports it back unchanged', async () => {
    const users = [{ ...existing[0], displayName: '=HYPERLINK("http://evil.test","x")' } as ExistingUser];
    const csv = exportUsersCsv([{ ...users[0], group: 'Admin' } as unknown as UserCsvRecord]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect((await plan(csv, users)).unchanged).toHaveLength(1);
  });

  it('quotes a cell holding a lone line break, so no spreadsheet starts a row (or a formula) inside it', () => {
    const record = { ...existing[0], displayName: 'x\r=1+1', group: 'Admin' } as unknown as UserCsvRecord;
    const csv = exportUsersCsv([record, { ...record, displayName: 'a\nb' }]);
    const rows = csv.split('\r\n');
    expect(rows[1]).toContain(',"x\r=1+1",');
    expect(rows[2]).toContain(',"a\nb",');
  });

  it('guards the full-width formula characters some spreadsheets also run', async () => {
    const users = [{ ...existing[0], displayName: '\uFF1D1+1' } as ExistingUser];
    const csv = exportUsersCsv([{ ...users[0], group: 'Admin' } as unknown as UserCsvRecord]);
    expect(csv).toContain(",'\uFF1D1+1,");
    expect((await plan(csv, users)).unchanged).toHaveLength(1);
  });
});
