import { t } from '../../i18n/t.ts';
import { CorruptFileError, UnsupportedFileError } from '../errors.ts';
import { entryLabel, ImportCollector, type ImportResult } from '../import-result.ts';
import { collectEntry, isRecord, text } from './entry-fields.ts';
import { readOtpField } from './otp-field.ts';

/**
 * Bitwarden's unencrypted JSON export: `{ encrypted: false, folders, items: [{ type, name,
 * login: { username, password, totp, uris } }] }`. Only logins with a `totp` value hold an
 * authenticator key; the other items are passwords, cards and notes, and are not entries here.
 * A password-protected export (`encrypted: true`) is refused with what to do instead.
 */
export function isBitwardenExport(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && typeof json.encrypted === 'boolean' && Array.isArray(json.items);
}

/** An item of either Bitwarden export, as the parser needs it. */
export interface BitwardenLogin {
  name: string;
  username: string;
  totp: string;
}

export function collectBitwardenLogins(
  logins: BitwardenLogin[],
  format: 'bitwarden' | 'bitwarden-csv',
): ImportResult {
  const collector = new ImportCollector();
  logins.forEach((login, index) => {
    const label = entryLabel(login.name, login.username, index);
    collectEntry(collector, label, () =>
      readOtpField(login.totp, { issuer: login.name, account: login.username || login.name }),
    );
  });
  return collector.result(format);
}

export function parseBitwarden(document: Record<string, unknown>): ImportResult {
  if (document.encrypted === true) {
    throw new UnsupportedFileError(t('bitwardenEncrypted'));
  }
  if (!Array.isArray(document.items)) throw new CorruptFileError(t('bitwardenNoItems'));
  const logins: BitwardenLogin[] = [];
  for (const item of document.items) {
    const login = isRecord(item) && isRecord(item.login) ? item.login : null;
    if (!login || text(login.totp) === '') continue;
    logins.push({
      name: text((item as Record<string, unknown>).name),
      username: text(login.username),
      totp: text(login.totp),
    });
  }
  return collectBitwardenLogins(logins, 'bitwarden');
}
