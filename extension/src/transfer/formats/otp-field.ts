import { type OtpAccount, OtpError, parseOtpauthUri } from '../../../../shared/index.ts';
import { t } from '../../i18n/t.ts';
import { otpReasonText } from '../../reasons/otp-reason-text.ts';
import { base32Secret, EntryProblem, makeAccount } from './entry-fields.ts';

/**
 * A password manager's one-field authenticator key (Bitwarden's `totp`, Proton's `uri`): an
 * otpauth:// URI, `steam://SECRET` for Steam Guard, or a bare base32 secret meaning the RFC 6238
 * defaults. `names` fill in what a bare secret or a URI without an issuer lacks.
 */
export function readOtpField(value: unknown, names: { issuer: string; account: string }): OtpAccount {
  const field = typeof value === 'string' ? value.trim() : '';
  if (field === '') throw new EntryProblem(t('skipNoAuthenticatorKey'));
  if (/^otpauth:\/\//i.test(field)) {
    let account: OtpAccount;
    try {
      account = parseOtpauthUri(field);
    } catch (error) {
      if (error instanceof OtpError) throw new EntryProblem(otpReasonText(error));
      throw error;
    }
    if (account.issuer !== '' || names.issuer === '' || names.issuer.includes(':')) return account;
    return makeAccount({ ...account, issuer: names.issuer });
  }
  const steam = /^steam:\/\//i.exec(field);
  const secretText = steam ? field.slice(steam[0].length) : field;
  return makeAccount({
    type: steam ? 'steam' : 'totp',
    secret: base32Secret(secretText.replace(/[\s-]/g, '')),
    issuer: names.issuer.includes(':') ? '' : names.issuer,
    account: names.account,
    algorithm: 'SHA1',
  });
}
