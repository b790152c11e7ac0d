import { t } from '../../i18n/t.ts';
import { CorruptFileError } from '../errors.ts';
import type { ImportResult } from '../import-result.ts';
import { type BitwardenLogin, collectBitwardenLogins } from './bitwarden.ts';
import { parseCsv } from './csv.ts';

/**
 * Bitwarden's CSV export: a header row naming the columns (`folder,favorite,type,name,notes,
 * fields,reprompt,login_uri,login_username,login_password,login_totp`), one row per item. Rows
 * with a `login_totp` value are the entries; the others are passwords only.
 */
const HEADER = /^\uFEFF?[^\n]*\blogin_totp\b/;

export function looksLikeBitwardenCsv(body: string): boolean {
  return HEADER.test(body) && /\blogin_username\b/.test(body.split(/\r?\n/, 1)[0] ?? '');
}

export function parseBitwardenCsv(body: string): ImportResult {
  const rows = parseCsv(body.replace(/^\uFEFF/, ''));
  if (rows === null || rows.length === 0) {
    throw new CorruptFileError(t('bitwardenCsvDamaged'));
  }
  const header = (rows[0] as string[]).map((cell) => cell.trim());
  const column = (name: string) => header.indexOf(name);
  const [name, username, totp] = [column('name'), column('login_username'), column('login_totp')];
  const logins: BitwardenLogin[] = [];
  for (const row of rows.slice(1)) {
    const value = (index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
    if (value(totp) === '') continue;
    logins.push({ name: value(name), username: value(username), totp: value(totp) });
  }
  return collectBitwardenLogins(logins, 'bitwarden-csv');
}
