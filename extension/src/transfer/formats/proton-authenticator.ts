import { t } from '../../i18n/t.ts';
import { CorruptFileError } from '../errors.ts';
import { ImportCollector, type ImportResult } from '../import-result.ts';
import { collectEntry, EntryProblem, isRecord, makeAccount, text } from './entry-fields.ts';
import { readOtpField } from './otp-field.ts';

/**
 * Proton Authenticator's export: `{ version, entries: [{ id, content: { uri, entry_type, name },
 * note }] }`. `uri` is an otpauth:// URI (or `steam://SECRET` for entry_type "Steam"); `name` is
 * the name the user gave the entry, which is the account name shown.
 */
export function isProtonAuthenticatorExport(json: unknown): json is Record<string, unknown> {
  return (
    isRecord(json) &&
    Array.isArray(json.entries) &&
    json.entries.some((entry) => isRecord(entry) && isRecord(entry.content) && 'uri' in entry.content)
  );
}

export function parseProtonAuthenticator(document: Record<string, unknown>): ImportResult {
  if (!Array.isArray(document.entries)) {
    throw new CorruptFileError(t('protonNoEntries'));
  }
  const collector = new ImportCollector();
  document.entries.forEach((entry: unknown, index) => {
    const content = isRecord(entry) && isRecord(entry.content) ? entry.content : null;
    const name = content ? text(content.name) : '';
    collectEntry(collector, name || t('labelEntry', String(index + 1)), () => {
      if (!content) throw new EntryProblem(t('skipNoContent'));
      const account = readOtpField(content.uri, { issuer: '', account: name });
      return name === '' ? account : makeAccount({ ...account, account: name });
    });
  });
  return collector.result('proton-authenticator');
}
