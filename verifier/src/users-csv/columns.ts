/**
 * The users CSV layout shared by export and import: one row per user, the "2FA Enabled" column last
 * with `y` or `n`, as admins know it from the bulk-edit flow.
 */

export const USER_COLUMNS = [
  { key: 'username', label: 'Username', aliases: ['username', 'user', 'login'] },
  { key: 'email', label: 'Email', aliases: ['email', 'emailaddress'] },
  { key: 'displayName', label: 'Display Name', aliases: ['displayname', 'name', 'fullname'] },
  { key: 'group', label: 'Group', aliases: ['group', 'securityaccessgroup', 'securitygroup'] },
  { key: 'source', label: 'Sign-in Source', aliases: ['signinsource', 'source', 'loginsource'] },
  { key: 'twoFactorEnabled', label: '2FA Enabled', aliases: ['2faenabled', 'twofactorenabled', '2fa'] },
] as const;

export type ColumnKey = (typeof USER_COLUMNS)[number]['key'];

/**
 * Columns the export adds for reading only. The 2FA status follows from the switches and whether a
 * factor is set up, so no file can set it: an import accepts the column and ignores its values
 * (whatever they say), and does not list it among the unknown columns.
 */
export const READ_ONLY_COLUMNS = [
  { key: 'twoFactorStatus', label: '2FA Status', aliases: ['2fastatus', 'twofactorstatus'] },
] as const;

export type SignInSource = 'local' | 'sso';

/** One user as exported: the group by name, the 2FA switch as a boolean. */
export interface UserCsvRecord {
  readonly username: string;
  readonly email: string;
  readonly displayName: string;
  readonly group: string;
  readonly source: SignInSource;
  readonly twoFactorEnabled: boolean;
  /** Pending, Activated or Disabled as the list shows it; read-only, empty when not given. */
  readonly twoFactorStatus?: string;
}

/** One data row as read from a file: every column as trimmed text, not yet checked. */
export interface CsvUserRow {
  /** Line of the file where the row starts; the header is line 1. */
  readonly row: number;
  readonly username: string;
  readonly email: string;
  readonly displayName: string;
  readonly group: string;
  readonly source: string;
  readonly twoFactorEnabled: string;
}

/** Why a row (or the whole file, row 1 for the header) cannot be imported. */
export interface RowError {
  readonly row: number;
  readonly column?: ColumnKey;
  readonly reason: string;
}

/** Matches a header cell to a column whatever its case, spacing or punctuation ("E-mail", "2FA enabled"). */
export function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z0-9]/g, '');
}

// Spreadsheets run cells starting with these characters as formulas (some also their full-width forms
// ＝＋－＠). Export prefixes such cells with an apostrophe (which spreadsheets show as plain text) and
// import removes it, so values survive unchanged.
const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const GUARDED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
