import { stringify } from 'csv-stringify/sync';
import { guardFormula, READ_ONLY_COLUMNS, USER_COLUMNS, type UserCsvRecord } from './columns.ts';

/**
 * The users CSV for download: a header row, CRLF line ends and a byte order mark so spreadsheets open
 * it as UTF-8. The read-only "2FA Status" column comes last. Importing the file unchanged changes nothing.
 */
export function exportUsersCsv(users: readonly UserCsvRecord[]): string {
  const rows = users.map((user) =>
    [user.username, user.email, user.displayName, user.group, user.source]
      .map(guardFormula)
      .concat(user.twoFactorEnabled ? 'y' : 'n', user.twoFactorStatus ?? ''),
  );
  return stringify(rows, {
    bom: true,
    header: true,
    columns: [...USER_COLUMNS, ...READ_ONLY_COLUMNS].map((column) => column.label),
    record_delimiter: 'windows',
    // A lone CR or LF inside a cell starts a new row in spreadsheets (and would slip a formula past
    // the guard): such cells are quoted, as RFC 4180 asks for any line break.
    quoted_match: /[\r\n]/,
  });
}
